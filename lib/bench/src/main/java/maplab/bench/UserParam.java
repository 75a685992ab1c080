package maplab.bench;

import maplab.plan.EnumIds;

/**
 * The {@code user} {@code @Param} of a benchmark whose subject may be a user's class: the subject
 * {@code @Param} is then its enum's {@link EnumIds#USER} stand-in and {@code user} holds the
 * user's id ({@code user:ClassName}); for a built-in subject {@code user} is empty.
 */
final class UserParam {

    private UserParam() { }

    /**
     * Whether {@code subject} stands for the user's class named by {@code user}.
     *
     * @throws IllegalArgumentException when {@code user} is empty for the stand-in or given for a built-in subject
     */
    static boolean isUser(Enum<?> subject, String user) {
        boolean stand = EnumIds.isUser(subject);
        if (stand == user.isEmpty()) {
            throw new IllegalArgumentException("user: bad value '" + user + "' for subject " + subject
                    + "; allowed: a user's id (user:ClassName) with subject " + EnumIds.USER + ", empty with any other subject");
        }
        return stand;
    }
}
