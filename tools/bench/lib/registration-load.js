// Requests of the registration benchmarks: unique, valid applications (MCA Order 69 names, GB 11643 ID number) on one
// registering authority or spread over many, and their approvals.
'use strict';

const DIGITS = '〇一二三四五六七八九';
/** Numbers spelled in Chinese digits: names stay unique per run and request without ASCII. */
const chinese = (n) => String(n).replace(/\d/g, (d) => DIGITS[Number(d)]);

/** District-level registering authorities of the four municipalities (their names start with the municipality's). */
const MUNICIPALITY_DISTRICTS = [
  ['北京市', ['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113', '110114', '110115', '110116', '110117', '110118', '110119']],
  ['天津市', ['120101', '120102', '120103', '120104', '120105', '120106', '120110', '120111', '120112', '120113', '120114', '120115', '120116']],
  ['上海市', ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310114', '310115', '310116', '310117', '310118', '310120', '310151']],
  ['重庆市', ['500101', '500102', '500103', '500104', '500105', '500106', '500107', '500108', '500109', '500110', '500111', '500112', '500113', '500114', '500115', '500116']],
].flatMap(([name, codes]) => codes.map((code) => ({ code, name })));

const ONE_AUTHORITY = { code: '110105', name: '北京市朝阳区' };

function applicationBody(runId, i, authority) {
  return {
    proposedName: `${authority.name}基准${runId}第${chinese(i)}号社区服务中心`,
    form: 'SOCIAL_SERVICE_ORGANIZATION',
    category: 'URBAN_RURAL_COMMUNITY_SERVICE',
    registeringAuthority: authority.code,
    domicile: `${authority.name}建国路1号`,
    purpose: '基准测试：登记申请吞吐量',
    legalRepresentativeName: '张三',
    legalRepresentativeIdNumber: '11010519491231002X',
    registeredCapitalFen: 1000000,
  };
}

/** A per-run id in Chinese digits (time and pid), so names never repeat across runs on the same schema. */
const runIdOf = () => chinese(`${Date.now()}${process.pid}`);

/**
 * `next(i)` for the load generators: POST /applications, on one authority or round-robin over many; the ids of the
 * accepted applications are pushed to `accepted` (for the approval runs).
 */
function submissions(baseUrl, token, { many = false, accepted = [] } = {}) {
  const runId = runIdOf();
  let n = 0;
  return () => {
    n++;
    const authority = many ? MUNICIPALITY_DISTRICTS[n % MUNICIPALITY_DISTRICTS.length] : ONE_AUTHORITY;
    return {
      url: `${baseUrl}/applications`,
      method: 'POST',
      expect: 201,
      headers: { authorization: `Bearer ${token}` },
      body: applicationBody(runId, n, authority),
      onAnswer: (res) => accepted.push(JSON.parse(res.body).id),
    };
  };
}

/** `next(i)` approving the queued applications in order (null when none is left); `onApproved({ uscc, at })` per answer. */
function approvals(baseUrl, token, queue, onApproved = () => undefined) {
  let k = 0;
  return () => {
    const id = queue[k++];
    if (id === undefined) return null;
    return {
      url: `${baseUrl}/applications/${id}/approve`,
      method: 'POST',
      expect: 200,
      headers: { authorization: `Bearer ${token}` },
      onAnswer: (res) => onApproved({ uscc: JSON.parse(res.body).organization.uscc, at: process.hrtime.bigint() }),
    };
  };
}

module.exports = { submissions, approvals, MUNICIPALITY_DISTRICTS, ONE_AUTHORITY, chinese };
