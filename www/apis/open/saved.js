// What the simulated phone has saved when the developer sets nothing: the address WeChat
// DevTools itself returns from chooseAddress, and an invoice title of the same kind.

export const SIMULATED_ADDRESS = {
  userName: '张三',
  postalCode: '510000',
  provinceName: '广东省',
  cityName: '广州市',
  countyName: '海珠区',
  streetName: '新港中路街道',
  detailInfo: '新港中路397号',
  detailInfoNew: '新港中路397号',
  nationalCode: '510000',
  telNumber: '020-81167888',
};

// `type`: '0' a company, '1' a person (WeChat's docs give it as a string).
export const SIMULATED_INVOICE_TITLE = {
  type: '0',
  title: '模拟科技有限公司',
  taxNumber: '91440101MA5TEST00X',
  companyAddress: '广东省广州市海珠区新港中路397号',
  telephone: '020-81167888',
  bankName: '模拟银行广州分行',
  bankAccount: '6222000000000000000',
};
