//! US states and territories: two-letter codes and names, in one table. The HSDS code
//! reads service areas and addresses through `state_code`; the UI lists [`US_STATES`].

/// Two-letter US state / territory code from a code or a name.
pub(crate) fn state_code(s: &str) -> Option<&'static str> {
    let t = s.trim();
    if let [a, b] = t.as_bytes() {
        if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() {
            let code = [a.to_ascii_uppercase(), b.to_ascii_uppercase()];
            return US_STATES
                .iter()
                .find(|(c, _)| c.as_bytes() == code)
                .map(|(c, _)| *c);
        }
    }
    US_STATES
        .iter()
        .find(|(_, name)| name.eq_ignore_ascii_case(t))
        .map(|(c, _)| *c)
}

/// US states and territories: code and name.
pub const US_STATES: [(&str, &str); 56] = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("PR", "Puerto Rico"),
    ("GU", "Guam"),
    ("VI", "U.S. Virgin Islands"),
    ("AS", "American Samoa"),
    ("MP", "Northern Mariana Islands"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_read_in_any_case() {
        for (code, name) in US_STATES {
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()), "{code}");
            let lower = code.to_ascii_lowercase();
            let mixed = format!("{}{}", &lower[..1], &code[1..]);
            for c in [code, lower.as_str(), mixed.as_str(), name] {
                assert_eq!(state_code(&format!(" {c} ")), Some(code), "{c}");
            }
            assert_eq!(state_code(&name.to_ascii_uppercase()), Some(code));
        }
        for no in ["", "T", "TXX", "ZZ", "1A", "Texass", "Ontario"] {
            assert_eq!(state_code(no), None, "{no}");
        }
    }
}
