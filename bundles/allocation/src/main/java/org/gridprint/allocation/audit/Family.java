package org.gridprint.allocation.audit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.gridprint.api.allocation.AuditFinding;

/**
 * What one audit line compares: a parent side and a children side, each a sum of meters times positive coefficients
 * (a parent meter and its submeters: all 1; a virtual meter: its positive terms against its negative terms).
 */
public record Family(AuditFinding.Kind kind, String parent, List<Term> parentTerms, List<Term> childTerms) {

    /** One meter times a positive coefficient. */
    public record Term(String meterId, BigDecimal coefficient) {
        public Term {
            Objects.requireNonNull(meterId, "meterId");
            if (coefficient.signum() <= 0) {
                throw new IllegalArgumentException("term " + meterId + ": coefficient must be > 0, was " + coefficient);
            }
        }

        public static Term of(String meterId) {
            return new Term(meterId, BigDecimal.ONE);
        }

        /** The coefficient as a whole number, or -1 when it has a fraction. */
        long whole() {
            try {
                return coefficient.longValueExact();
            } catch (ArithmeticException e) {
                return -1;
            }
        }
    }

    public Family {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parent, "parent");
        parentTerms = List.copyOf(parentTerms);
        childTerms = List.copyOf(childTerms);
    }

    /** A parent meter and its direct submeters. */
    public static Family meter(String parent, List<String> children) {
        return new Family(AuditFinding.Kind.METER, parent, List.of(Term.of(parent)),
                children.stream().map(Term::of).toList());
    }

    /** The children's names for the report (a virtual meter's negative terms, with their coefficients if not 1). */
    public List<String> childNames() {
        return childTerms.stream().map(t -> t.coefficient().compareTo(BigDecimal.ONE) == 0 ? t.meterId()
                : t.coefficient().stripTrailingZeros().toPlainString() + " * " + t.meterId()).toList();
    }
}
