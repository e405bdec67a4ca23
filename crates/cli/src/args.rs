//! Command-line arguments of the `wxrt` binary.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::wechat::AppSpec;

/// Command line of the `wxrt` binary.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "wxrt",
    version,
    about = "Preview WeChat mini-programs in a browser"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands of `wxrt`.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Preview a mini-program project (or serve any folder) in the browser.
    ///
    /// A folder holding project.config.json or app.json is a mini-program project:
    /// `/` answers the preview page from the runtime checkout (www/preview/index.html),
    /// `/__wxrt/project` the project's code as JSON, and other paths files from the code
    /// root (project.config.json's miniprogramRoot, else the folder itself).
    ///
    /// The code root is watched: after each change the project is built again, one line
    /// is printed (`wxrt reload: <files> (compiled in <ms> ms)`, or `wxrt compile error:
    /// <file>:<line>:<column>: <message>` on stderr for each problem), and the page,
    /// listening at `/__wxrt/events`, reloads or shows the problems. --no-watch turns
    /// this off; the project is then read again on every request.
    ///
    /// Any other folder is served as static files; its index.html answers `/`.
    ///
    /// Either way the runtime's files are under `/__wxrt/www/` and `/__wxrt/pkg/`.
    /// The first line printed is `wxrt serving <dir> at http://<host>:<port>/`; for a
    /// project a second says `wxrt project <appid> (code root <dir>)`, and while the
    /// project is watched another says `wxrt watching <code root> for changes`.
    ///
    /// A project also gets a stand-in for WeChat's login servers: `wx.login` in the page
    /// gets codes from it, and the developer's backend exchanges them at
    /// `GET /sns/jscode2session` on this server, as at api.weixin.qq.com. The project's
    /// appid is registered with --app-secret, else `appSecret` from `wxrt.config.json`
    /// in the project folder (`{"appSecret": "...", "unionid": true}`; never served).
    /// Without a secret the exchange answers 40125 (invalid appsecret).
    ///
    /// A project's `wx.request` to another origin goes through
    /// `/__wxrt/proxy?url=<url>`, which forwards it from the server, so backends that
    /// send no CORS headers work as they do in WeChat. Only pages served from this
    /// machine may use it.
    ///
    /// A project also gets background fetch as WeChat's server does it. When the page is
    /// opened the server GETs the prefetch URL with `appid`, `token` (the user's, set by
    /// `wx.setBackgroundFetchToken`) or else `code` (a login code the backend exchanges at
    /// /sns/jscode2session here), `timestamp`, `path`, `query`, `scene` and
    /// `customMiniprogramVersion`, and hands the body to `wx.getBackgroundFetchData`;
    /// periodic updates GET the periodic URL with `appid`, `token` and `timestamp`. The
    /// URLs come from the `backgroundFetch` object of wxrt.config.json:
    /// `{"prefetchUrl": "https://…", "greyPrefetchUrl": "https://…", "greyRatio": 20,
    /// "periodicUrl": "https://…", "periodicIntervalSeconds": 43200}`, each key optional
    /// (a grey URL needs its ratio and prefetchUrl), or from the flags below, which win
    /// over the file. A bad value stops the server before it listens. Each fetch prints
    /// one line to stderr. Grey ratios used and tokens are kept in
    /// `<state dir>/background-fetch.json`; as in WeChat a grey ratio is never lowered
    /// (a new greyPrefetchUrl starts a new grey release).
    Serve(ServeArgs),

    /// Run the stand-in for WeChat's login servers alone, for a backend tested without
    /// a browser.
    ///
    /// Point the backend's WeChat API base URL at `http://127.0.0.1:<port>` instead of
    /// `https://api.weixin.qq.com`: `GET /sns/jscode2session` answers as WeChat does.
    /// Codes come from `POST /__wxrt/wechat/login` with `{"appid": "...", "user": "..."}`
    /// (any user name of letters, digits, `_` and `-`), which answers
    /// `{"code": "...", "generation": 1}`.
    ///
    /// The first line printed is `wxrt wechat-server at http://<host>:<port>/`, then
    /// `wxrt wechat-server app <appid>` for each app.
    #[command(name = "wechat-server")]
    WeChatServer(WeChatServerArgs),

    /// Serve WeChat DevTools' automation protocol, so tests written with the
    /// `miniprogram-automator` npm package run against wxrt, headless.
    ///
    /// Starts the project's dev server in this process (without live reload), a headless
    /// Chromium (--chromium, else $WXRT_CHROMIUM, else chromium, chromium-browser or
    /// google-chrome on PATH), and the automation WebSocket on 127.0.0.1 at --auto-port
    /// (and on ::1 when that binds). The first line printed is
    /// `wxrt auto: ws://127.0.0.1:<port>`; point `automator.connect({ wsEndpoint })` at
    /// it. Each connection gets its own browser context and page. Ctrl-C or SIGTERM
    /// closes Chromium and exits with 130 or 143.
    ///
    /// DevTools' own command line is accepted too, so
    /// `automator.launch({ cliPath: '<path to wxrt>', projectPath })` works unchanged:
    /// `wxrt [args...] auto --project <dir> --auto-port <port> [--auto-account X]
    /// [--ticket X] [--trust-project]`, and `wxrt --auto <dir> --auto-port <port>`. That
    /// form implies --exit-with-client.
    Auto(AutoArgs),
}

/// Arguments of `wxrt auto`.
#[derive(Debug, Clone, Args)]
pub struct AutoArgs {
    /// The mini-program project (has project.config.json or app.json).
    pub project: PathBuf,

    /// Port of the automation WebSocket, on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 9420)]
    pub auto_port: u16,

    /// The Chromium or Chrome executable [default: $WXRT_CHROMIUM, else chromium,
    /// chromium-browser or google-chrome on PATH].
    #[arg(long, value_name = "PATH")]
    pub chromium: Option<PathBuf>,

    /// Where the dev server keeps what WeChat's servers remember between runs, as
    /// `wxrt serve --state-dir` [default: .wxrt in the project folder].
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,

    /// Runtime checkout holding www/ and pkg/ [default: $WXRT_RUNTIME_DIR, else the
    /// source tree this binary was built from].
    #[arg(long, value_name = "DIR")]
    pub runtime_dir: Option<PathBuf>,

    /// Exit after answering `Tool.close`, and when the clients have disconnected and
    /// none connects again within 3 seconds: what a process started by
    /// `automator.launch` must do, since the client never stops it.
    #[arg(long)]
    pub exit_with_client: bool,
}

/// Arguments of `wxrt wechat-server`.
#[derive(Debug, Clone, Args)]
pub struct WeChatServerArgs {
    /// TCP port to listen on; 0 picks a free one.
    #[arg(long, short)]
    pub port: u16,

    /// Address to listen on. The default keeps the server private to this machine.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,

    /// An app the stand-in knows, with the AppSecret its backend sends; `:unionid`
    /// makes jscode2session answer unionids too. Repeat for more apps.
    #[arg(long = "app", value_name = "APPID:SECRET[:unionid]")]
    pub apps: Vec<AppSpec>,

    /// A JSON file of apps, beside or instead of --app:
    /// `{"apps": [{"appid": "...", "secret": "...", "unionid": true}]}`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Arguments of `wxrt serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Mini-program project (has project.config.json or app.json) to preview, or
    /// any folder to serve as static files.
    pub dir: PathBuf,

    /// TCP port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 8080)]
    pub port: u16,

    /// Address to listen on. The default keeps the server private to this machine.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,

    /// Runtime checkout holding www/ and pkg/ [default: $WXRT_RUNTIME_DIR, else the
    /// source tree this binary was built from].
    #[arg(long, value_name = "DIR")]
    pub runtime_dir: Option<PathBuf>,

    /// The AppSecret the project's backend sends to /sns/jscode2session [default:
    /// `appSecret` in the project's wxrt.config.json, else none, and the exchange
    /// answers 40125].
    #[arg(long, value_name = "SECRET")]
    pub app_secret: Option<AppSecret>,

    /// Where wxrt keeps what WeChat's servers remember between runs (the highest grey
    /// ratio used for each greyPrefetchUrl, each user's background fetch token), in
    /// `background-fetch.json` [default: `<project folder>/.wxrt`].
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,

    /// Do not watch the project: no live reload (`/__wxrt/events` answers 404), and
    /// `/__wxrt/project` reads and compiles the project on every request instead of
    /// keeping the newest build.
    #[arg(long)]
    pub no_watch: bool,

    /// Background fetch settings; each wins over the same key of wxrt.config.json.
    #[command(flatten)]
    pub background_fetch: BackgroundFetchArgs,
}

/// The background fetch flags of `wxrt serve`, each overriding the key of the
/// `backgroundFetch` object of `wxrt.config.json` named in its help.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
#[command(next_help_heading = "Background fetch (override wxrt.config.json)")]
pub struct BackgroundFetchArgs {
    /// The prefetch's data download URL, GET at each cold start (`prefetchUrl`); an
    /// http:// or https:// URL.
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub prefetch_url: Option<String>,

    /// The grey (canary) release's download URL (`greyPrefetchUrl`); needs a prefetch
    /// URL and a grey ratio.
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub grey_prefetch_url: Option<String>,

    /// The percentage of users (0 to 100) sent to the grey URL, always the same ones;
    /// testers get it even at 0 (`greyRatio`). It can only go up for one grey URL.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub grey_ratio: Option<u8>,

    /// The periodic update's download URL (`periodicUrl`).
    #[arg(long, value_name = "URL", value_parser = http_url)]
    pub periodic_url: Option<String>,

    /// Seconds between periodic updates, 1 to 31536000 (`periodicIntervalSeconds`)
    /// [default: 43200, WeChat's 12 hours].
    #[arg(
        long = "periodic-interval",
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(1..=31_536_000)
    )]
    pub periodic_interval_seconds: Option<u64>,
}

impl BackgroundFetchArgs {
    /// Whether any flag is given.
    #[must_use]
    pub fn any(&self) -> bool {
        *self != Self::default()
    }
}

/// A URL flag: absolute `http://` or `https://`, as WeChat's console requires.
fn http_url(value: &str) -> Result<String, String> {
    if wxrt_core::background_fetch::is_http_url(value) {
        Ok(value.to_owned())
    } else {
        Err("should be an http:// or https:// URL".to_owned())
    }
}

/// A secret from the command line, kept out of `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct AppSecret(pub String);

impl std::fmt::Debug for AppSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AppSecret(<hidden>)")
    }
}

impl std::str::FromStr for AppSecret {
    type Err = &'static str;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        if value.is_empty() {
            // WeChat treats an empty secret as none (41004); refuse it here instead.
            Err("the app secret is empty")
        } else {
            Ok(Self(value.to_owned()))
        }
    }
}
