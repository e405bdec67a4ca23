// `wx.showActionSheet`: at most six items above 取消, an optional grey caption; a tap on
// 取消 or the mask fails with `cancel`, as WeChat's callbacks say.

import { pickFromSheet } from '../ui.js';

export async function actionSheet(rules, { itemList, itemColor = '#000000', alertText }) {
  rules.checkActionSheet(itemList.length);
  const items = itemList.map((text) => ({ text: String(text), color: itemColor }));
  const index = await pickFromSheet({ items, title: alertText, className: 'wxrt-action-sheet' });
  return { tapIndex: rules.actionSheetTap(index, items.length), errMsg: 'showActionSheet:ok' };
}
