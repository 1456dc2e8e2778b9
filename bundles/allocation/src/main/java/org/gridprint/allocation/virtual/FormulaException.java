package org.gridprint.allocation.virtual;

/** A formula that cannot be used: the message names the 1-based column and what was expected there. */
public final class FormulaException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final int column;

    public FormulaException(int column, String message) {
        super("column " + column + ": " + message);
        this.column = column;
    }

    /** 1-based column of the offending character (the formula's length + 1 for its end). */
    public int column() {
        return column;
    }
}
