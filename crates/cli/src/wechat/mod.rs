//! The WeChat login stand-in served over HTTP: `wx.login` codes for the page, and
//! WeChat's `GET /sns/jscode2session` for the developer's backend, both answered by
//! core's [`WeChatStandIn`](wxrt_core::login::WeChatStandIn).
//!
//! `wxrt serve <project>` mounts [`routes`] beside the project, and
//! `wxrt wechat-server` ([`server`]) runs them alone for a backend tested without a
//! browser. A backend reaches the stand-in by using `http://127.0.0.1:<port>` as its
//! WeChat API base URL instead of `https://api.weixin.qq.com`; the path, query and
//! answers are WeChat's.
//!
//! ```no_run
//! use wxrt_cli::wechat::{routes, AppSpec, StandIn};
//!
//! #[tokio::main]
//! async fn main() -> std::io::Result<()> {
//!     let app: AppSpec = "wx0123456789abcdef:s3cret".parse().expect("valid --app");
//!     let stand_in = StandIn::new(vec![app.into()]);
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//!     println!("WeChat API base URL: http://{}", listener.local_addr()?);
//!     axum::serve(listener, routes(stand_in)).await
//! }
//! ```

mod clock;
mod config;
mod routes;
pub mod server;
mod stand_in;

pub use clock::{system_now_ms, Clock, StandInClock};
pub use config::{
    load_local_config, load_server_config, AppSpec, AppSpecError, LocalConfig, LocalConfigError,
    ProjectSetup, ServerConfigError, LOCAL_CONFIG_FILE,
};
pub use routes::{
    hide_local_config, routes, routes_on, routes_with_clock, JSCODE2SESSION_PATH, PAGE_API_PREFIX,
};
pub use stand_in::{OsRandom, RegisterError, StandIn, StandInStopped};
