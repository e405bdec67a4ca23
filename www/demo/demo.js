import { createRuntime } from 'wxrt';

const form = document.getElementById('entry');
const resultView = document.getElementById('result');
let runtime;
let runtimeId = '';

async function currentWx() {
  const appid = form.appid.value.trim();
  const user = form.user.value.trim();
  if (`${appid}/${user}` !== runtimeId) {
    runtime?.dispose();
    runtime = await createRuntime({ appid, user });
    runtimeId = `${appid}/${user}`;
  }
  return runtime.wx;
}

function valueFromForm() {
  const text = form.value.value;
  switch (form.type.value) {
    case 'json': return JSON.parse(text);
    case 'string': return text;
    case 'number': return Number(text);
    case 'boolean': return text.trim() === 'true';
    case 'date': return new Date();
    case 'null': return null;
    default: return undefined;
  }
}

function describe(value) {
  if (value instanceof Date) return `Date ${value.toISOString()}`;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, null, 2);
}

function show(result) {
  resultView.className = result.errMsg?.includes(':fail') ? 'fail' : '';
  const { errMsg, data } = result;
  resultView.textContent = 'data' in result ? `${errMsg}\n${describe(data)}` : errMsg;
}

async function refreshInfo() {
  const wx = await currentWx();
  const { keys, currentSize, limitSize } = wx.getStorageInfoSync();
  document.getElementById('usage').textContent = `${keys.length} keys · ${currentSize} KB of ${limitSize} KB`;
  document.getElementById('meter').value = currentSize;
  document.getElementById('keys').replaceChildren(...keys.map((key) => {
    const item = document.createElement('li');
    item.textContent = key;
    return item;
  }));
}

async function run(op) {
  const wx = await currentWx();
  const key = form.key.value;
  const encrypt = form.encrypt.checked;
  const done = (result) => { show(result); refreshInfo(); };
  const callbacks = { success: done, fail: done };
  try {
    if (op === 'set') wx.setStorage({ key, data: valueFromForm(), encrypt, ...callbacks });
    if (op === 'get') wx.getStorage({ key, encrypt, ...callbacks });
    if (op === 'remove') wx.removeStorage({ key, ...callbacks });
    if (op === 'clear') wx.clearStorage(callbacks);
  } catch (error) {
    show({ errMsg: `value is not valid ${form.type.value}: ${error.message}` });
  }
}

form.addEventListener('submit', (event) => { event.preventDefault(); run('set'); });
for (const button of form.querySelectorAll('button[type=button]')) {
  button.addEventListener('click', () => run(button.dataset.op));
}
form.appid.addEventListener('change', refreshInfo);
form.user.addEventListener('change', refreshInfo);
addEventListener('storage', () => setTimeout(refreshInfo));
refreshInfo();
