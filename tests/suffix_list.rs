//! The embedded Public Suffix List (compiled into tables by build.rs) answers exactly as the `psl`
//! crate, which compiles the same list into code: same registrable domain, same suffix, same
//! section (ICANN or private), for hosts under every rule of the list, the top-domains list and
//! hosts made to hit wildcard and exception rules.

use miwake::suffix_list;

const LIST: &str = include_str!("../src/data/public_suffix_list.dat");
const TOP_DOMAINS: &str = include_str!("../src/data/top-domains.txt");

/// What `psl` says of a host, in the shape `suffix_list::split` answers.
fn reference(host: &str) -> Option<(String, String, bool)> {
    let domain = psl::domain(host.as_bytes())?;
    let suffix = domain.suffix();
    Some((
        String::from_utf8(domain.as_bytes().to_vec()).ok()?,
        String::from_utf8(suffix.as_bytes().to_vec()).ok()?,
        suffix.typ() == Some(psl::Type::Private),
    ))
}

fn ours(host: &str) -> Option<(String, String, bool)> {
    suffix_list::split(host).map(|s| (s.registrable.to_owned(), s.suffix.to_owned(), s.is_private))
}

/// Every rule of the list, in the ASCII form hosts arrive in.
fn rules() -> Vec<String> {
    LIST.lines()
        .filter(|l| !l.starts_with("//"))
        .filter_map(|l| l.split_whitespace().next())
        .map(|rule| {
            let (prefix, name) = match rule.strip_prefix('!') {
                Some(name) => ("!", name),
                None => match rule.strip_prefix("*.") {
                    Some(name) => ("*.", name),
                    None => ("", rule),
                },
            };
            let ascii = idna::domain_to_ascii(name).expect("every rule converts to ASCII");
            format!("{prefix}{ascii}")
        })
        .collect()
}

/// Hosts at, under and two levels under a rule; wildcards filled in, exceptions as written.
fn hosts_for(rule: &str) -> Vec<String> {
    let base = rule.trim_start_matches('!').replace('*', "wild");
    vec![
        base.clone(),
        format!("example.{base}"),
        format!("www.example.{base}"),
    ]
}

/// Compares every host; answers how many were compared and how many of those have a suffix from
/// the private section, so a test can tell it did not compare empty answers only.
fn compare(hosts: impl IntoIterator<Item = String>) -> (usize, usize) {
    let mut compared = 0;
    let mut private = 0;
    let mut differences = Vec::new();
    for host in hosts {
        let (want, got) = (reference(&host), ours(&host));
        if want != got {
            differences.push(format!("{host}: psl {want:?}, embedded {got:?}"));
        }
        compared += 1;
        private += usize::from(matches!(got, Some((_, _, true))));
    }
    assert!(
        differences.is_empty(),
        "{} of {compared} hosts differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
    (compared, private)
}

#[test]
fn every_rule_of_the_list_answers_as_psl() {
    let rules = rules();
    assert!(rules.len() > 10_000, "the whole list, not {}", rules.len());
    let (compared, private) = compare(rules.iter().flat_map(|r| hosts_for(r)));
    assert!(
        compared > 30_000 && private > 6_000,
        "{compared} hosts, {private} private"
    );
}

#[test]
fn top_domains_and_their_subdomains_answer_as_psl() {
    let domains: Vec<&str> = TOP_DOMAINS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(domains.len() > 4000);
    let hosts = domains
        .iter()
        .flat_map(|d| [d.to_string(), format!("login.{d}"), format!("a.b.{d}")]);
    let (compared, _) = compare(hosts);
    assert!(compared > 12_000);
}

#[test]
fn tricky_hosts_answer_as_psl() {
    let hosts = [
        // Wildcards, exceptions, and rules below them.
        "ck",
        "www.ck",
        "a.www.ck",
        "b.ck",
        "a.b.ck",
        "kawasaki.jp",
        "city.kawasaki.jp",
        "a.city.kawasaki.jp",
        "b.kawasaki.jp",
        "a.b.kawasaki.jp",
        "x.ztna-dingtalk.com",
        "a.b.ztna-dingtalk.com",
        // The private section and the ICANN rules above it.
        "web.app",
        "evil.web.app",
        "a.evil.web.app",
        "github.io",
        "alibaba.github.io",
        "blogspot.com",
        "x.blogspot.com",
        "s3.amazonaws.com",
        "bucket.s3.amazonaws.com",
        "bucket.s3.us-east-1.amazonaws.com",
        "x.appspot.com",
        "pagelemon.dev",
        "x.pagelemon.dev",
        // Suffixes no rule names: the implicit `*` rule.
        "localhost",
        "example",
        "a.example",
        "helsinki",
        "x.helsinki",
        "x.y.invalidtld",
        // Internationalised rules and hosts.
        "xn--55qx5d.cn",
        "shop.xn--55qx5d.cn",
        "xn--80ak6aa92e.com",
        "xn--wgv71a119e.jp",
        "a.xn--wgv71a119e.jp",
        "a.xn--aroport-bya.ci",
        // Odd but possible shapes.
        "co.jp",
        "a.co.jp",
        "a.b.c.d.e.co.jp",
        "1.2.3.4",
        "xn--",
        "-.com",
        "a-.b-.com",
        "com",
        "a.com",
    ];
    let (_, private) = compare(hosts.iter().map(|h| h.to_string()));
    assert!(private >= 8);
}
