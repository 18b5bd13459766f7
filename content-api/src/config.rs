//! Command-line flags and environment variables.
//!
//! A flag wins over its environment variable, which wins over the default.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::jobs::Timing;

/// The help text.
pub const USAGE: &str = "\
content-api: local Content Service for style-picker development and tests

USAGE: content-api [OPTIONS]

OPTIONS (flag, or environment variable):
  --addr ADDR              CONTENT_API_ADDR   listen address [default: 127.0.0.1:8787]; port 0 picks one
  --dist DIR               CONTENT_API_DIST   built page to serve at / [default: dist]
  --job-duration-ms MS     JOB_DURATION_MS    creation to COMPLETED [default: 6000]
  --job-ttl-secs SECS      JOB_TTL_SECS       job lifetime; status is 404 after [default: 3600]
  --image-ttl-secs SECS    IMAGE_TTL_SECS     image lifetime after completion [default: 604800]
  --require-token TOKEN    CONTENT_API_TOKEN  the API answers 401 unless `Authorization: Bearer TOKEN`
                                              or the cookie `sp_session=TOKEN` comes [default: none]
  --prefix PATH            CONTENT_API_PREFIX also serve the page under PATH, e.g. /shop/style-picker/
  --examples DIR           CONTENT_API_EXAMPLES  example host pages, served at examples/ beside the
                                              page [default: examples]
  --frame-ancestors SRC    CONTENT_API_FRAME_ANCESTORS  who may frame the page [default: 'self']
  -h, --help                                  print this help

On start it prints one line to stdout: content-api listening on http://HOST:PORT
";

/// Everything the server is started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Directory of the built page.
    pub dist: PathBuf,
    /// Job and image timings.
    pub timing: Timing,
    /// The token the API requires, if any.
    pub require_token: Option<String>,
    /// A second place the page is served, `/…/` (it is always served at `/`).
    pub prefix: Option<String>,
    /// Example host pages, served at `examples/` beside the page.
    pub examples: PathBuf,
    /// The CSP `frame-ancestors` sources.
    pub frame_ancestors: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8787)),
            dist: PathBuf::from("dist"),
            timing: Timing::default(),
            require_token: None,
            prefix: None,
            examples: PathBuf::from("examples"),
            frame_ancestors: "'self'".to_owned(),
        }
    }
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Run the server.
    Run(Config),
    /// Print [`USAGE`] and exit.
    Help,
}

/// A flag or variable that could not be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// An argument that is not a known flag.
    #[error("unknown argument `{0}` (try --help)")]
    UnknownArgument(String),
    /// A flag given without its value.
    #[error("`{0}` needs a value")]
    MissingValue(String),
    /// A value that does not parse.
    #[error("invalid value `{value}` for {name}: {reason}")]
    InvalidValue {
        /// The flag or variable.
        name: String,
        /// The value given.
        value: String,
        /// Why it was refused.
        reason: String,
    },
}

const FLAGS: [(&str, &str); 9] = [
    ("--require-token", "CONTENT_API_TOKEN"),
    ("--prefix", "CONTENT_API_PREFIX"),
    ("--examples", "CONTENT_API_EXAMPLES"),
    ("--frame-ancestors", "CONTENT_API_FRAME_ANCESTORS"),
    ("--addr", "CONTENT_API_ADDR"),
    ("--dist", "CONTENT_API_DIST"),
    ("--job-duration-ms", "JOB_DURATION_MS"),
    ("--job-ttl-secs", "JOB_TTL_SECS"),
    ("--image-ttl-secs", "IMAGE_TTL_SECS"),
];

/// Parses the arguments (without the program name), looking up environment
/// variables with `env`.
pub fn parse<I, S>(args: I, env: impl Fn(&str) -> Option<String>) -> Result<Command, ConfigError>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut given: Vec<(&'static str, String)> = Vec::new();
    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        let Some((name, _)) = FLAGS.iter().find(|(name, _)| *name == flag) else {
            return Err(ConfigError::UnknownArgument(arg));
        };
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .ok_or_else(|| ConfigError::MissingValue(flag.clone()))?,
        };
        given.push((name, value));
    }
    let lookup = |flag: &str| -> Option<(String, String)> {
        let from_flag = given
            .iter()
            .rev()
            .find(|(name, _)| *name == flag)
            .map(|(name, value)| (name.to_string(), value.clone()));
        from_flag.or_else(|| {
            let var = FLAGS.iter().find(|(name, _)| *name == flag)?.1;
            env(var)
                .filter(|v| !v.is_empty())
                .map(|v| (var.to_owned(), v))
        })
    };

    let mut config = Config::default();
    if let Some((name, value)) = lookup("--addr") {
        config.addr = value.parse().map_err(|e: std::net::AddrParseError| {
            invalid(&name, &value, &format!("{e} (expected IP:PORT)"))
        })?;
    }
    if let Some((_, value)) = lookup("--dist") {
        config.dist = PathBuf::from(value);
    }
    if let Some((name, value)) = lookup("--job-duration-ms") {
        config.timing.job_duration = Duration::from_millis(number(&name, &value)?);
    }
    if let Some((name, value)) = lookup("--job-ttl-secs") {
        config.timing.job_ttl = Duration::from_secs(number(&name, &value)?);
    }
    if let Some((name, value)) = lookup("--image-ttl-secs") {
        config.timing.image_ttl = Duration::from_secs(number(&name, &value)?);
    }
    if let Some((name, value)) = lookup("--require-token") {
        if !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b))
        {
            return Err(invalid(
                &name,
                &value,
                "a token is made of A-Z a-z 0-9 - . _ ~ + / =",
            ));
        }
        config.require_token = Some(value);
    }
    if let Some((name, value)) = lookup("--prefix") {
        let trimmed = value.trim_matches('/');
        if trimmed.is_empty()
            || !trimmed.split('/').all(|seg| {
                !seg.is_empty()
                    && seg != "."
                    && seg != ".."
                    && seg
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
            })
        {
            return Err(invalid(
                &name,
                &value,
                "expected a path like /shop/style-picker/",
            ));
        }
        config.prefix = Some(format!("/{trimmed}/"));
    }
    if let Some((_, value)) = lookup("--examples") {
        config.examples = PathBuf::from(value);
    }
    if let Some((name, value)) = lookup("--frame-ancestors") {
        if value.contains([';', ',', '\n', '\r']) {
            return Err(invalid(
                &name,
                &value,
                "one CSP source list, without ; or ,",
            ));
        }
        config.frame_ancestors = value;
    }
    Ok(Command::Run(config))
}

fn invalid(name: &str, value: &str, reason: &str) -> ConfigError {
    ConfigError::InvalidValue {
        name: name.to_owned(),
        value: value.to_owned(),
        reason: reason.to_owned(),
    }
}

/// A positive whole number, at most ten years in seconds or milliseconds
/// (so instants never overflow).
fn number(name: &str, value: &str) -> Result<u64, ConfigError> {
    const MAX: u64 = 10 * 365 * 24 * 3600;
    match value.parse::<u64>() {
        Ok(n) if (1..=MAX).contains(&n) => Ok(n),
        Ok(_) => Err(invalid(name, value, &format!("must be 1..={MAX}"))),
        Err(e) => Err(invalid(name, value, &e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn run(cmd: Command) -> Config {
        match cmd {
            Command::Run(config) => config,
            Command::Help => panic!("expected Run"),
        }
    }

    #[test]
    fn defaults() {
        let config = run(parse(Vec::<String>::new(), no_env).unwrap());
        assert_eq!(config, Config::default());
        assert_eq!(config.addr.to_string(), "127.0.0.1:8787");
        assert_eq!(config.timing.job_duration, Duration::from_millis(6000));
        assert_eq!(config.timing.job_ttl, Duration::from_secs(3600));
        assert_eq!(config.timing.image_ttl, Duration::from_secs(604_800));
    }

    #[test]
    fn flags_in_both_forms() {
        let config = run(parse(
            [
                "--addr",
                "127.0.0.1:0",
                "--dist=/tmp/d",
                "--job-duration-ms",
                "100",
                "--job-ttl-secs=5",
                "--image-ttl-secs",
                "7",
            ],
            no_env,
        )
        .unwrap());
        assert_eq!(config.addr.port(), 0);
        assert_eq!(config.dist, PathBuf::from("/tmp/d"));
        assert_eq!(config.timing.job_duration, Duration::from_millis(100));
        assert_eq!(config.timing.job_ttl, Duration::from_secs(5));
        assert_eq!(config.timing.image_ttl, Duration::from_secs(7));
    }

    #[test]
    fn env_is_used_and_flags_win() {
        let env = |name: &str| match name {
            "JOB_DURATION_MS" => Some("250".to_owned()),
            "CONTENT_API_ADDR" => Some("127.0.0.1:9000".to_owned()),
            _ => None,
        };
        let config = run(parse(["--addr", "127.0.0.1:1"], env).unwrap());
        assert_eq!(config.timing.job_duration, Duration::from_millis(250));
        assert_eq!(config.addr.port(), 1);
    }

    #[test]
    fn gateway_and_deploy_flags() {
        let config = run(parse(
            [
                "--require-token",
                "demo-token",
                "--prefix",
                "shop/style-picker",
                "--examples=/tmp/ex",
                "--frame-ancestors",
                "'none'",
            ],
            no_env,
        )
        .unwrap());
        assert_eq!(config.require_token.as_deref(), Some("demo-token"));
        assert_eq!(config.prefix.as_deref(), Some("/shop/style-picker/"));
        assert_eq!(config.examples, PathBuf::from("/tmp/ex"));
        assert_eq!(config.frame_ancestors, "'none'");
        for bad in [
            ["--prefix", "/"],
            ["--prefix", "/a/../b"],
            ["--require-token", "a b"],
        ] {
            assert!(
                matches!(parse(bad, no_env), Err(ConfigError::InvalidValue { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn errors() {
        assert_eq!(parse(["--help"], no_env).unwrap(), Command::Help);
        assert!(matches!(
            parse(["--nope"], no_env),
            Err(ConfigError::UnknownArgument(_))
        ));
        assert!(matches!(
            parse(["--addr"], no_env),
            Err(ConfigError::MissingValue(_))
        ));
        assert!(matches!(
            parse(["--addr", "localhost"], no_env),
            Err(ConfigError::InvalidValue { .. })
        ));
        assert!(matches!(
            parse(["--job-duration-ms", "0"], no_env),
            Err(ConfigError::InvalidValue { .. })
        ));
        let env = |_: &str| Some("abc".to_owned());
        let err = parse(Vec::<String>::new(), env).unwrap_err();
        assert!(err.to_string().contains("CONTENT_API_ADDR"));
    }
}
