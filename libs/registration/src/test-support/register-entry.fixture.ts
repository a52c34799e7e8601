import type { RegisterEntry } from '../domain/organization-lifecycle';

/** A registered local social group's public register entry, as the unit specs of the lifecycle and the register use it. */
export const SOCIAL_GROUP_ENTRY: RegisterEntry = {
  name: '北京市海淀区科技志愿者协会',
  form: 'SOCIAL_GROUP',
  registeringAuthority: '110108',
  domicile: '北京市海淀区中关村南大街5号',
  purpose: '组织科技志愿服务',
  legalRepresentativeName: '李四',
  registeredCapitalFen: 3_000_000,
  regime: 'DIRECT',
  unitName: null,
  unitRole: null,
  status: 'REGISTERED',
};
