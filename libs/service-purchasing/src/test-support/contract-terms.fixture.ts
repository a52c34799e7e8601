/** The terms of a one-year contract from 1 January 2027 (Beijing dates), shared by the request and view specs. */
export const ONE_YEAR_2027 = {
  supplierUscc: '52110108MJ0000018M',
  purchaser: '北京市海淀区民政局',
  title: '社区居家养老服务',
  method: 'OPEN_TENDERING' as const,
  valueFen: 12_000_000,
  termStart: '2027-01-01',
  termEnd: '2027-12-31',
};
