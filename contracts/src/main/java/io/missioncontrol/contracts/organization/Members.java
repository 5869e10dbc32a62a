package io.missioncontrol.contracts.organization;

/** How the membership events name a member for people: the address when there is one, else the subject. */
final class Members {

    static String name(String userSubject, String email) {
        return email != null ? email : userSubject;
    }

    private Members() {
    }
}
