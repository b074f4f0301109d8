package org.citycard.bills;

/** How a biller takes money, as real ones do. */
public enum ChargeMode {
    /** One bill at a time, exactly its amount with its late fee. */
    EXACT_BILL,
    /** All arrears at once, oldest first: the amount is what is owed. */
    ALL_ARREARS,
    /** Any amount, toward the arrears oldest first and then ahead (prepaid electricity, phone credit). */
    ANY_AMOUNT
}
