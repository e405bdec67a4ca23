//! One session's page: its own browser context (fresh storage) and one page target on
//! the preview, and the calls into the page contract (`globalThis.wxrt.automator()`).

use serde_json::{json, Value};
use tokio::sync::{mpsc, watch};
use wxrt_core::automator::AutomatorError;

use super::cdp::{Cdp, CdpError, Event};

/// The binding the page calls with each event, `{method, params}` as JSON text.
pub const EVENT_BINDING: &str = "__wxrtAutomatorEvent";

/// A page target made for a session, not yet navigated-to by anyone else.
pub struct Prepared {
    /// `Target.createBrowserContext`'s id, disposed when the session ends.
    pub context: String,
    /// The flattened session attached to the page target.
    pub session: String,
    /// The page session's events since it was attached (so none is lost while the
    /// page waits for its client).
    pub events: mpsc::UnboundedReceiver<Event>,
}

/// Makes a browser context and a page in it, enables what the session needs, adds
/// the event binding, then opens `url`.
///
/// # Errors
///
/// [`AutomatorError::Navigation`] when any step fails; the context, if made, is
/// disposed first.
pub async fn prepare(cdp: &Cdp, url: &str) -> Result<Prepared, AutomatorError> {
    let failed = |err: CdpError| AutomatorError::Navigation(err.to_string());
    let created = cdp
        .call("Target.createBrowserContext", json!({}), None)
        .await
        .map_err(failed)?;
    let context = string(&created, "browserContextId").map_err(failed)?;
    match open(cdp, &context, url).await {
        Ok((session, events)) => Ok(Prepared {
            context,
            session,
            events,
        }),
        Err(err) => {
            dispose(cdp, &context).await;
            Err(err)
        }
    }
}

async fn open(
    cdp: &Cdp,
    context: &str,
    url: &str,
) -> Result<(String, mpsc::UnboundedReceiver<Event>), AutomatorError> {
    let failed = |err: CdpError| AutomatorError::Navigation(err.to_string());
    let target = cdp
        .call(
            "Target.createTarget",
            json!({ "url": "about:blank", "browserContextId": context }),
            None,
        )
        .await
        .map_err(failed)?;
    let target = string(&target, "targetId").map_err(failed)?;
    let attached = cdp
        .call(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
            None,
        )
        .await
        .map_err(failed)?;
    let session = string(&attached, "sessionId").map_err(failed)?;
    let events = cdp.events(&session);
    let on_page = Some(session.as_str());
    cdp.call("Runtime.enable", json!({}), on_page)
        .await
        .map_err(failed)?;
    cdp.call("Page.enable", json!({}), on_page)
        .await
        .map_err(failed)?;
    cdp.call(
        "Runtime.addBinding",
        json!({ "name": EVENT_BINDING }),
        on_page,
    )
    .await
    .map_err(failed)?;
    let navigated = cdp
        .call("Page.navigate", json!({ "url": url }), on_page)
        .await
        .map_err(failed)?;
    if let Some(reason) = navigated.get("errorText").and_then(Value::as_str) {
        return Err(AutomatorError::Navigation(format!("{url}: {reason}")));
    }
    Ok((session, events))
}

/// Closes the context and everything in it.
pub async fn dispose(cdp: &Cdp, context: &str) {
    let _ = cdp
        .call(
            "Target.disposeBrowserContext",
            json!({ "browserContextId": context }),
            None,
        )
        .await;
}

fn string(result: &Value, key: &str) -> Result<String, CdpError> {
    result
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| CdpError::Protocol(format!("no {key} in the answer")))
}

/// What a session knows of its page.
#[derive(Debug, Clone)]
pub enum PageState {
    /// Still being made and opened.
    Preparing,
    /// Open: requests go to this CDP session.
    Ready(String),
    /// Gone or never opened: requests fail with this.
    Failed(AutomatorError),
}

/// The CDP session to send to, once the page is ready.
async fn ready(state: &mut watch::Receiver<PageState>) -> Result<String, AutomatorError> {
    let state = state
        .wait_for(|state| !matches!(state, PageState::Preparing))
        .await
        .map_err(|_| AutomatorError::BrowserExited)?;
    match &*state {
        PageState::Ready(session) => Ok(session.clone()),
        PageState::Failed(err) => Err(err.clone()),
        PageState::Preparing => Err(AutomatorError::BrowserExited),
    }
}

/// Resolves with the reason once the page has failed.
async fn failure(mut state: watch::Receiver<PageState>) -> AutomatorError {
    match state
        .wait_for(|state| matches!(state, PageState::Failed(_)))
        .await
    {
        Ok(state) => match &*state {
            PageState::Failed(err) => err.clone(),
            _ => AutomatorError::BrowserExited,
        },
        Err(_) => AutomatorError::BrowserExited,
    }
}

/// Evaluates `expression` (a promise of a JSON string) in the page and parses the
/// string, or fails as soon as the page does.
async fn evaluate(
    cdp: &Cdp,
    mut state: watch::Receiver<PageState>,
    method: &str,
    expression: String,
) -> Result<Value, AutomatorError> {
    let session = ready(&mut state).await?;
    // A user gesture, as Playwright's evaluate is: a test's tap stands for the user's,
    // and media, full screen and the clipboard ask for one.
    let call = cdp.call(
        "Runtime.evaluate",
        json!({
            "expression": expression,
            "awaitPromise": true,
            "returnByValue": true,
            "userGesture": true,
        }),
        Some(&session),
    );
    let answer = tokio::select! {
        answer = call => answer,
        err = failure(state) => return Err(err),
    };
    let bad = |reason: String| AutomatorError::BadPageAnswer {
        method: method.to_owned(),
        reason,
    };
    let answer = answer.map_err(|err| match err {
        CdpError::Closed => AutomatorError::BrowserExited,
        CdpError::Protocol(reason) => bad(reason),
    })?;
    if let Some(details) = answer.get("exceptionDetails") {
        let text = details
            .pointer("/exception/description")
            .or_else(|| details.get("text"))
            .and_then(Value::as_str)
            .unwrap_or("an exception");
        return Err(bad(text.to_owned()));
    }
    let text = answer
        .pointer("/result/value")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("not a string".to_owned()))?;
    serde_json::from_str(text).map_err(|err| bad(err.to_string()))
}

/// Forwards a request to the page's `automator.request(method, params, context)`,
/// and returns its answer in the wire shape (`{result}` or `{error: {message}}`,
/// without the id).
///
/// # Errors
///
/// When the page is gone, was never opened, or answered outside the contract.
pub async fn forward(
    cdp: &Cdp,
    state: watch::Receiver<PageState>,
    method: &str,
    params: &Value,
    context: &str,
) -> Result<serde_json::Map<String, Value>, AutomatorError> {
    let expression = format!(
        "(async (method, params, context) => {{\n\
         while (!globalThis.wxrt?.automator) {{\n\
         if (typeof globalThis.wxrtError === 'string') return JSON.stringify({{ error: {{ message: `the mini-program did not start: ${{globalThis.wxrtError}}` }} }});\n\
         await new Promise((r) => setTimeout(r, 10));\n\
         }}\n\
         const automator = await globalThis.wxrt.automator();\n\
         return JSON.stringify(await automator.request(method, params, context));\n\
         }})({}, {params}, {context})",
        Value::from(method),
    );
    match evaluate(cdp, state, method, expression).await? {
        Value::Object(answer) if answer.contains_key("result") || answer.contains_key("error") => {
            Ok(answer)
        }
        other => Err(AutomatorError::BadPageAnswer {
            method: method.to_owned(),
            reason: format!("{other} has neither result nor error"),
        }),
    }
}

/// `App.captureScreenshot`: the phone screen's rectangle from the page, then
/// `Page.captureScreenshot` clipped to it. Returns the base64 PNG.
///
/// # Errors
///
/// The reason, for the log; the client is told `fail to capture screenshot`.
pub async fn screenshot(
    cdp: &Cdp,
    state: watch::Receiver<PageState>,
) -> Result<String, AutomatorError> {
    // A preview that could not start has no phone to show: the screenshot fails.
    let expression = "(async () => {\n\
         while (!globalThis.wxrt?.automator) {\n\
         if (typeof globalThis.wxrtError === 'string') return 'null';\n\
         await new Promise((r) => setTimeout(r, 10));\n\
         }\n\
         const automator = await globalThis.wxrt.automator();\n\
         return JSON.stringify(automator.screenRect());\n\
         })()"
        .to_owned();
    let method = "App.captureScreenshot";
    let mut ready_state = state.clone();
    let rect = evaluate(cdp, state, method, expression).await?;
    let number = |key: &str| rect.get(key).and_then(Value::as_f64);
    let (Some(x), Some(y), Some(width), Some(height)) =
        (number("x"), number("y"), number("width"), number("height"))
    else {
        return Err(AutomatorError::BadPageAnswer {
            method: method.to_owned(),
            reason: format!("{rect} is not a rectangle"),
        });
    };
    let session = ready(&mut ready_state).await?;
    let shot = cdp
        .call(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "clip": { "x": x, "y": y, "width": width, "height": height, "scale": 1 },
            }),
            Some(&session),
        )
        .await
        .map_err(|err| AutomatorError::BadPageAnswer {
            method: method.to_owned(),
            reason: err.to_string(),
        })?;
    shot.get("data")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| AutomatorError::BadPageAnswer {
            method: method.to_owned(),
            reason: "no data".to_owned(),
        })
}
