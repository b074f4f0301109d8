package org.citycard.api;

import org.citycard.card.IdentityProblem;

/** What a refused identity step means, in a sentence a mini-program can show (its code says the same to programs). */
public final class IdentityProblems {

    private IdentityProblems() {
    }

    public static String detail(IdentityProblem problem) {
        return switch (problem) {
            case BAD_PHONE -> "That is not a mainland mobile number (11 digits starting with 1).";
            case BAD_CODE -> "The SMS code is wrong.";
            case CODE_EXPIRED -> "The SMS code has run out: ask for a new one.";
            case TOO_MANY_ATTEMPTS -> "Too many wrong codes: ask for a new one.";
            case SMS_TOO_SOON -> "A code was sent a moment ago: wait a minute before asking again.";
            case SMS_DAILY_LIMIT -> "No more codes for this number today: try again tomorrow.";
            case SMS_TOO_MANY -> "Too many codes asked for in the last hour: try again later.";
            case HUMAN_CHECK_REQUIRED -> "Complete the human check first.";
            case PHONE_TAKEN -> "That number belongs to another account.";
            case WEAK_PASSWORD -> "The password is too weak.";
            case BAD_CREDENTIALS -> "Wrong number or password.";
            case SIGN_IN_LOCKED -> "Too many failed sign-ins: wait before trying again.";
            case BAD_NAME -> "The name must be as on the ID card (Chinese characters, or letters with a middle dot).";
            case ID_NUMBER_FORMAT -> "An ID number has 18 characters: 17 digits and a digit or X.";
            case ID_NUMBER_REGION -> "The ID number's region code does not exist.";
            case ID_NUMBER_BIRTH_DATE -> "The ID number's birth date is not a real date.";
            case ID_NUMBER_CHECKSUM -> "The ID number's last character does not match: check it for a typing mistake.";
            case ID_NUMBER_TAKEN -> "That ID number is verified on another account already.";
            case PHONE_MISMATCH -> "The mobile number is not registered to that ID number.";
            case ALREADY_REAL_NAME -> "Your real name is verified already.";
            case LINK_CODE_INVALID -> "The link code is wrong or has run out.";
            case LOGIN_LINKED_ELSEWHERE -> "This login is linked to another account.";
            case ALREADY_LINKED -> "This login is linked already.";
            case NOT_LINKED -> "This login is not linked.";
            case LAST_SIGN_IN_METHOD -> "This is your only way to sign in: add another before removing it.";
            case UNKNOWN_CITIZEN -> "No such account.";
            case SMS_UNAVAILABLE -> "Text messages cannot be sent just now: try again shortly.";
        };
    }
}
