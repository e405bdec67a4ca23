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
    /// `/__wxrt/project` the project's code as JSON (read again on every request, so
    /// edits show on reload), and other paths files from the code root
    /// (project.config.json's miniprogramRoot, else the folder itself).
    ///
    /// Any other folder is served as static files; its index.html answers `/`.
    ///
    /// Either way the runtime's files are under `/__wxrt/www/` and `/__wxrt/pkg/`.
    /// The first line printed is `wxrt serving <dir> at http://<host>:<port>/`; for a
    /// project a second says `wxrt project <appid> (code root <dir>)`.
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
