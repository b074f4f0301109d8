package org.citycard.api.health;

import org.citycard.api.ApiProblem;
import org.citycard.health.HealthProblem;
import org.springframework.http.HttpStatus;

/** The health module's refusals as problem+json: a status, the stable code, a sentence, the parameter at fault. */
public final class HealthProblems {

    private HealthProblems() {
    }

    public static ApiProblem of(HealthProblem problem) {
        return switch (problem) {
            case NOT_REAL_NAME -> new ApiProblem(HttpStatus.FORBIDDEN, problem.code(),
                    "Verify your real name first: e-health cards are issued to real-name citizens.", null);
            case BAD_NAME -> bad(problem, "name", "name is 2 to 30 Chinese characters or letters.");
            case BAD_ID_NUMBER -> bad(problem, "idNumber", "idNumber is not a valid 18-character resident ID number.");
            case BAD_BIRTH_CERTIFICATE -> bad(problem, "birthCertificateNo",
                    "birthCertificateNo is a capital letter and 9 digits, as printed on the birth certificate.");
            case BAD_PATIENT_ID -> bad(problem, "patientId", "patientId is 1 to 32 letters, digits, - or _.");
            case NOT_A_CHILD -> unprocessable(problem, "idNumber", "A child's card is for someone under 18.");
            case NOT_ELDERLY -> unprocessable(problem, "idNumber",
                    "A card held for a parent is for someone 60 or older; others apply with their own account.");
            case OWN_ID_NUMBER -> unprocessable(problem, "idNumber", "That is your own ID number: apply for your own card.");
            case IDENTITY_MISMATCH -> unprocessable(problem, "name",
                    "The provincial platform says the name does not match the ID number.");
            case BIRTH_CERTIFICATE_MISMATCH -> unprocessable(problem, "birthCertificateNo",
                    "The provincial platform says the birth certificate is not the child's.");
            case TOO_MANY_DEPENDANTS -> unprocessable(problem, null, "At most five cards for family members.");
            case COUNTER_MISMATCH -> unprocessable(problem, "idNumber", "The ID card shown is not the one applied with.");
            case HELD_ELSEWHERE -> new ApiProblem(HttpStatus.CONFLICT, problem.code(),
                    "This person's e-health card is held by another account.", "idNumber");
            case CARD_NOT_ACTIVE -> new ApiProblem(HttpStatus.CONFLICT, problem.code(),
                    "The card is not active (closed, or waiting to be confirmed at a counter).", null);
            case UNKNOWN_CARD -> ApiProblem.notFound(problem.code(), "No such card.");
            case UNKNOWN_REFERENCE -> ApiProblem.notFound(problem.code(), "No card waits with that reference.");
            case UNKNOWN_VISIT -> ApiProblem.notFound(problem.code(),
                    "No visit of this hospital with that id in the last 24 hours.");
            case PLATFORM_UNAVAILABLE -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, problem.code(),
                    "The provincial e-health card platform cannot be reached now; try again in a few minutes.", null);
            case CODE_INVALID -> unprocessable(problem, "code", "Not an e-health card code.");
            case CODE_EXPIRED -> unprocessable(problem, "code", "The code has expired: ask for a fresh one.");
            case CODE_USED -> unprocessable(problem, "code",
                    "The code has been used, or was never issued: ask for a fresh one.");
            case BAD_CHARGE -> bad(problem, "items", "A charge has a hospitalRef of 1 to 32 letters, digits, - or _, a "
                    + "kind (CONSULTATION, PHARMACY or EXAMINATION) and 1 to 50 items, each a name of 1 to 40 characters "
                    + "and an amountFen of 1 to 5,000,000, at most 100,000,000 in all.");
            case CHARGE_CONFLICT -> new ApiProblem(HttpStatus.CONFLICT, problem.code(),
                    "This hospitalRef was posted before with other items or for another visit.", "hospitalRef");
            case UNKNOWN_CHARGE -> ApiProblem.notFound(problem.code(), "No such charge.");
            case NOT_DUE -> unprocessable(problem, null, "The charge is paid or withdrawn.");
            case PAYMENT_IN_PROGRESS -> new ApiProblem(HttpStatus.CONFLICT, problem.code(),
                    "A payment for this charge is under way; finish it or wait a few minutes.", null);
            case LIVE_BOOKINGS -> new ApiProblem(HttpStatus.CONFLICT, problem.code(),
                    "The card has vaccination bookings still live: cancel them first (GET /vaccination/bookings).", null);
        };
    }

    private static ApiProblem bad(HealthProblem problem, String parameter, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, problem.code(), detail, parameter);
    }

    private static ApiProblem unprocessable(HealthProblem problem, String parameter, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem.code(), detail, parameter);
    }
}
