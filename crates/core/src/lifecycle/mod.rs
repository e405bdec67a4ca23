//! The App/Page lifecycle: launch, background and foreground, destruction after a while in
//! the background, and the page stack with WeChat's route rules. Each operation returns
//! the ordered [`Step`]s (hooks to call, instances to create) that the glue performs.
//!
//! ```
//! use wxrt_core::lifecycle::{Lifecycle, LaunchRequest, PageHook, RouteTable, Step};
//!
//! let routes = RouteTable {
//!     pages: vec!["pages/index/index".into(), "pages/detail/detail".into()],
//!     tab_pages: vec![],
//!     entry: "pages/index/index".into(),
//!     lazy_pages: false,
//! };
//! let mut app = Lifecycle::new(routes, LaunchRequest::from_search("?scene=1011").unwrap());
//! let cold_start = app.launch();
//! assert!(matches!(&cold_start[0], Step::LoadApp { pages } if pages.len() == 2));
//! let steps = app.navigate_to("/pages/detail/detail?id=3").unwrap();
//! // The old page hides before the new one loads.
//! assert_eq!(steps[0], Step::Page(1, PageHook::Hide));
//! assert_eq!(app.pages().len(), 2);
//! ```

mod error;
mod launch;
mod machine;
mod query;
mod step;
pub mod update;
mod url;

pub use error::{LaunchError, RouteError};
pub use launch::{LaunchOptions, LaunchRequest, Referrer, DEFAULT_SCENE};
pub use machine::{AppState, Lifecycle, OpenPage, RouteTable, DEFAULT_DESTROY_AFTER_MS, MAX_PAGES};
pub use query::{parse_query, Query};
pub use step::{AppEvent, AppEventArg, PageHook, PageId, Step};
pub use url::PageUrl;
