//! What the receiving server's `Authentication-Results` header (RFC 8601) says of SPF, DKIM and
//! DMARC: only the first such header counts, the one the receiving server put on top; any below
//! it may have come with the mail.

/// Results of one header, by method.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthResults {
    pub spf: Option<String>,
    pub dkim: Option<String>,
    pub dmarc: Option<String>,
}

/// What the results prove of the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proof {
    /// DMARC passed, or SPF or DKIM passed while DMARC was not evaluated: the methods named.
    Passed(String),
    /// DMARC failed, or SPF and DKIM both failed: the methods named.
    Failed(String),
    /// Nothing either way.
    Absent,
}

/// Reads the header's value: `mx.example; spf=pass smtp.mailfrom=…; dkim=pass header.d=…`.
pub fn parse(header: &str) -> AuthResults {
    let mut results = AuthResults::default();
    // The first element is the server's id; each later one starts with `method=result`.
    for clause in header.split(';').skip(1) {
        let Some((method, rest)) = clause.trim().split_once('=') else {
            continue;
        };
        let result = rest
            .split(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let slot = match method.trim().to_ascii_lowercase().as_str() {
            "spf" => &mut results.spf,
            "dkim" => &mut results.dkim,
            "dmarc" => &mut results.dmarc,
            _ => continue,
        };
        // The first result of a method stands; a second DKIM signature does not replace it,
        // except that a pass anywhere is a pass.
        if slot.is_none() || result == "pass" {
            *slot = Some(result);
        }
    }
    results
}

/// What `header` (absent when the mail has none) proves.
pub fn proof(header: Option<&str>) -> Proof {
    let Some(header) = header else {
        return Proof::Absent;
    };
    let results = parse(header);
    let is = |r: &Option<String>, v: &str| r.as_deref() == Some(v);
    let failed =
        |r: &Option<String>| matches!(r.as_deref(), Some("fail" | "softfail" | "permerror"));
    if failed(&results.dmarc) {
        return Proof::Failed("dmarc=fail".to_owned());
    }
    if is(&results.dmarc, "pass") {
        return Proof::Passed("dmarc=pass".to_owned());
    }
    let dkim_missing = matches!(results.dkim.as_deref(), None | Some("none"));
    if failed(&results.spf) && (failed(&results.dkim) || dkim_missing) {
        return Proof::Failed(format!(
            "spf={}, dkim={}",
            results.spf.as_deref().unwrap_or("none"),
            results.dkim.as_deref().unwrap_or("none")
        ));
    }
    let passed: Vec<&str> = [("spf", &results.spf), ("dkim", &results.dkim)]
        .iter()
        .filter(|(_, r)| is(r, "pass"))
        .map(|(m, _)| *m)
        .collect();
    if passed.is_empty() {
        Proof::Absent
    } else {
        Proof::Passed(
            passed
                .iter()
                .map(|m| format!("{m}=pass"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dmarc_decides_and_spf_with_dkim_failing_is_a_failure() {
        let pass = "mx.google.com; dkim=pass header.i=@google.com; spf=pass smtp.mailfrom=x@google.com; dmarc=pass (p=REJECT) header.from=google.com";
        assert_eq!(proof(Some(pass)), Proof::Passed("dmarc=pass".into()));
        let fail = "mx.example; spf=fail smtp.mailfrom=ec-cube.net; dkim=none";
        assert_eq!(
            proof(Some(fail)),
            Proof::Failed("spf=fail, dkim=none".into())
        );
        assert_eq!(
            proof(Some("mx.example; dmarc=fail header.from=alibaba.com")),
            Proof::Failed("dmarc=fail".into())
        );
        assert_eq!(proof(Some("mx.example; none")), Proof::Absent);
        assert_eq!(proof(None), Proof::Absent);
    }
}
