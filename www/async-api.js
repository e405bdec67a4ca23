// WeChat's asynchronous API shape: one options object; with any of success/fail/complete
// present the result goes to callbacks, otherwise the call returns a Promise.

const CALLBACK_KEYS = ['success', 'fail', 'complete'];

function usesCallbacks(options) {
  return options !== null && typeof options === 'object'
    && CALLBACK_KEYS.some((key) => key in options);
}

/**
 * Runs `call`; what it throws surfaces later as an uncaught error (the way WeChat reports
 * a throwing callback) instead of stopping the caller.
 */
export function runReportingLater(call) {
  try {
    call();
  } catch (error) {
    setTimeout(() => { throw error; });
  }
}

function invoke(callback, result) {
  // A throwing callback must not swallow `complete`.
  if (typeof callback === 'function') runReportingLater(() => callback(result));
}

/**
 * Wraps `run(options)` (which returns the success object or throws the failure, possibly
 * asynchronously) as a WeChat async API. Results are always delivered after the call
 * returns: success or fail first, then complete, with the same object.
 */
export function asyncApi(run) {
  return function wxAsyncApi(options) {
    const outcome = new Promise((resolve) => resolve(run(options)));
    if (!usesCallbacks(options)) return outcome;
    outcome.then(
      (result) => { invoke(options.success, result); invoke(options.complete, result); },
      (failure) => { invoke(options.fail, failure); invoke(options.complete, failure); },
    );
    return undefined;
  };
}
