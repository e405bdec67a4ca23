// The clipboard: one per page, shared by every runtime in it (the page is the phone), and
// written through to the system clipboard when the browser lets the page. It is read from
// the system clipboard only when reading is already granted: asking would put a browser
// prompt where WeChat shows none.

let pageClipboard = '';

export function clipboardApis(host) {
  const systemReadable = async () => {
    try {
      const status = await navigator.permissions?.query({ name: 'clipboard-read' });
      return status?.state === 'granted' && typeof navigator.clipboard?.readText === 'function';
    } catch {
      return false;
    }
  };
  return {
    apis: {
      setClipboardData: async ({ data }) => {
        pageClipboard = data;
        navigator.clipboard?.writeText?.(data).catch(() => {});
        // WeChat's own toast, shown before the success callback, so a toast the callback
        // shows replaces it.
        host.showToast({ title: '内容已复制', icon: 'success', duration: 1500 }).catch(() => {});
        return { errMsg: 'setClipboardData:ok' };
      },
      getClipboardData: async () => {
        if (await systemReadable()) {
          try {
            pageClipboard = await navigator.clipboard.readText();
          } catch {
            // Denied after all (the page lost focus): the page's clipboard stands.
          }
        }
        return { data: pageClipboard, errMsg: 'getClipboardData:ok' };
      },
    },
    text: () => pageClipboard,
  };
}
