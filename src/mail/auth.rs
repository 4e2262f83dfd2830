//! What the receiving server's `Authentication-Results` header (RFC 8601) says of SPF, DKIM and
//! DMARC: only the first such header counts, the one the receiving server put on top; any below
//! it may have come with the mail.

/// Results of one header, by method.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthResults {
    pub spf: Option<String>,
    pub dkim: Option<String>,
    pub dmarc: Option<String>,
    /// Domains the passing SPF check (`smtp.mailfrom`) and DKIM signatures (`header.d`,
    /// `header.i`) were for, lower case: a pass proves only these.
    pub spf_domains: Vec<String>,
    pub dkim_domains: Vec<String>,
}

/// The domain a property names: `x@google.com` and `@google.com` give `google.com`.
fn property_domain(clause: &str, names: &[&str]) -> Option<String> {
    clause.split_whitespace().find_map(|part| {
        let (name, value) = part.split_once('=')?;
        names
            .contains(&name.to_ascii_lowercase().as_str())
            .then(|| value.rsplit('@').next().unwrap_or(value))
            .map(|d| {
                d.trim_matches(|c| c == ';' || c == ')' || c == '"')
                    .to_ascii_lowercase()
            })
            .filter(|d| !d.is_empty())
    })
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
        let method = method.trim().to_ascii_lowercase();
        if result == "pass" {
            let domain = match method.as_str() {
                "spf" => property_domain(clause, &["smtp.mailfrom", "smtp.helo"])
                    .map(|d| (&mut results.spf_domains, d)),
                "dkim" => property_domain(clause, &["header.d", "header.i"])
                    .map(|d| (&mut results.dkim_domains, d)),
                _ => None,
            };
            if let Some((domains, domain)) = domain {
                domains.push(domain);
            }
        }
        let slot = match method.as_str() {
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

/// What `header` (absent when the mail has none) proves of a sender at the registrable domain
/// `sender`. An SPF or DKIM pass counts only for a domain of the sender's own (DMARC's
/// alignment): anyone can pass both for a domain they bought.
pub fn proof(header: Option<&str>, sender: &str) -> Proof {
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
    let aligned = |domains: &Vec<String>| {
        domains
            .iter()
            .any(|d| crate::address::registrable_domain(d).unwrap_or(d) == sender)
    };
    let passed: Vec<&str> = [
        ("spf", &results.spf, &results.spf_domains),
        ("dkim", &results.dkim, &results.dkim_domains),
    ]
    .iter()
    .filter(|(_, r, domains)| is(r, "pass") && aligned(domains))
    .map(|(m, _, _)| *m)
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
        assert_eq!(
            proof(Some(pass), "google.com"),
            Proof::Passed("dmarc=pass".into())
        );
        let fail = "mx.example; spf=fail smtp.mailfrom=ec-cube.net; dkim=none";
        assert_eq!(
            proof(Some(fail), "ec-cube.net"),
            Proof::Failed("spf=fail, dkim=none".into())
        );
        assert_eq!(
            proof(
                Some("mx.example; dmarc=fail header.from=alibaba.com"),
                "alibaba.com"
            ),
            Proof::Failed("dmarc=fail".into())
        );
        assert_eq!(proof(Some("mx.example; none"), "google.com"), Proof::Absent);
        assert_eq!(proof(None, "google.com"), Proof::Absent);
    }

    #[test]
    fn a_pass_proves_only_the_domain_it_was_for() {
        // A kit signs with its own domain and passes SPF for it; From says google.com.
        let forged = "mx.example; spf=pass smtp.mailfrom=bounce@mailer-evil.example; dkim=pass header.d=mailer-evil.example";
        assert_eq!(proof(Some(forged), "google.com"), Proof::Absent);
        let aligned = "mx.example; spf=pass smtp.mailfrom=bounce@accounts.google.com; dkim=pass header.i=@google.com";
        assert_eq!(
            proof(Some(aligned), "google.com"),
            Proof::Passed("spf=pass, dkim=pass".into())
        );
    }
}
