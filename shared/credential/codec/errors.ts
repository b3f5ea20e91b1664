// Every way the container can fail, as data: a stage, a stable code and one plain sentence in
// English and Simplified Chinese. User interfaces show `message`; tests and logs use `code`;
// `detail` is a technical English note (a position, a byte count) for developers, never shown as
// the main explanation.
import { err } from '../../result.ts';

import type { Localized } from '../../text/localized.ts';

export type StageName = 'input' | 'prefix' | 'base45' | 'zlib' | 'cose' | 'cbor' | 'signature';

export interface ContainerError {
  stage: StageName;
  code: string;
  message: Localized;
  /** Technical detail for developers (English), e.g. "character 12". */
  detail?: string;
}

/**
 * The catalogue. Keys are the codes; the same CBOR codes are used by the `cose` stage (the
 * envelope) and the `cbor` stage (the claims inside it), so the pair (stage, code) says where.
 */
export const CONTAINER_MESSAGES = {
  // input
  'input-not-text': {
    en: 'The scanned content is not text.',
    'zh-CN': '扫描到的内容不是文本。',
  },
  'input-empty': {
    en: 'Nothing was scanned.',
    'zh-CN': '没有扫描到任何内容。',
  },
  'input-too-long': {
    en: 'The scanned text is far longer than any credential; it was not examined.',
    'zh-CN': '扫描到的文本远长于任何凭证，未予解析。',
  },
  'internal-error': {
    en: 'This app failed while examining the credential; treat it as not verified.',
    'zh-CN': '本应用在检查凭证时出错，请视为未通过验证。',
  },
  // prefix
  'prefix-missing': {
    en: 'This is not a CrossCheck credential: it does not start with a credential prefix.',
    'zh-CN': '这不是 CrossCheck 凭证：开头没有凭证前缀。',
  },
  'prefix-unknown': {
    en: 'This credential has a prefix or version this app does not accept.',
    'zh-CN': '该凭证的前缀或版本不受本应用支持。',
  },
  // base45
  'base45-empty': {
    en: 'The credential is empty after its prefix.',
    'zh-CN': '凭证前缀之后没有内容。',
  },
  'base45-invalid-char': {
    en: 'The credential contains a character that cannot appear in it; it was damaged or altered.',
    'zh-CN': '凭证中含有不应出现的字符，已损坏或被改动。',
  },
  'base45-dangling-char': {
    en: 'The credential ends with an incomplete group of characters; it was cut off or altered.',
    'zh-CN': '凭证末尾的字符组不完整，可能被截断或改动。',
  },
  'base45-value-too-large': {
    en: 'The credential contains a character group that encodes no valid value; it was altered.',
    'zh-CN': '凭证中的某组字符无法表示有效数值，已被改动。',
  },
  // zlib
  'zlib-input-too-large': {
    en: 'The compressed credential is larger than any genuine credential.',
    'zh-CN': '压缩后的凭证大于任何真实凭证。',
  },
  'zlib-header-invalid': {
    en: 'The credential is not compressed the way credentials are; it was damaged or forged.',
    'zh-CN': '凭证的压缩格式不正确，已损坏或系伪造。',
  },
  'zlib-data-invalid': {
    en: 'The compressed credential is corrupt.',
    'zh-CN': '压缩的凭证数据已损坏。',
  },
  'zlib-truncated': {
    en: 'The compressed credential is cut off.',
    'zh-CN': '压缩的凭证数据不完整。',
  },
  'zlib-padding-not-zero': {
    en: 'The compressed credential carries stray bits; it was altered after issue.',
    'zh-CN': '压缩的凭证中含有多余的位，签发后曾被改动。',
  },
  'zlib-trailing-data': {
    en: 'Extra data follows the compressed credential; it was altered after issue.',
    'zh-CN': '压缩的凭证后面附加了多余数据，签发后曾被改动。',
  },
  'zlib-checksum': {
    en: 'The compressed credential fails its checksum; it was damaged or altered.',
    'zh-CN': '压缩的凭证校验和不符，已损坏或被改动。',
  },
  'zlib-too-large': {
    en: 'The credential expands to far more data than any genuine credential (a "zip bomb"); it was not opened.',
    'zh-CN': '该凭证解压后的数据远超任何真实凭证（“压缩炸弹”），未予打开。',
  },
  'zlib-corrupt': {
    en: 'The compressed credential could not be decompressed.',
    'zh-CN': '压缩的凭证无法解压。',
  },
  // cose (the signed envelope)
  'cose-wrong-tag': {
    en: 'The credential is not a signed COSE_Sign1 message.',
    'zh-CN': '该凭证不是规定格式的签名消息。',
  },
  'cose-structure': {
    en: 'The signed envelope of the credential is malformed.',
    'zh-CN': '凭证的签名封装格式不正确。',
  },
  'cose-header-invalid': {
    en: 'The signature header of the credential is malformed.',
    'zh-CN': '凭证的签名头格式不正确。',
  },
  'cose-payload-detached': {
    en: 'The credential carries a signature but no content.',
    'zh-CN': '该凭证只有签名，没有内容。',
  },
  'cose-crit-unsupported': {
    en: 'The credential requires features this app does not understand.',
    'zh-CN': '该凭证要求本应用不理解的功能。',
  },
  'cose-alg-missing': {
    en: 'The credential does not say which signature algorithm it uses.',
    'zh-CN': '凭证没有注明所用的签名算法。',
  },
  'cose-alg-unprotected': {
    en: 'The credential names its signature algorithm outside the signed part; it is rejected.',
    'zh-CN': '凭证在未签名部分注明签名算法，予以拒绝。',
  },
  'cose-kid-missing': {
    en: 'The credential does not name the key that signed it.',
    'zh-CN': '凭证没有注明签名密钥。',
  },
  'cose-kid-unprotected': {
    en: 'The credential names its signing key only outside the signed part; it is rejected.',
    'zh-CN': '凭证只在未签名部分注明签名密钥，予以拒绝。',
  },
  'cose-kid-conflict': {
    en: 'The credential names two different signing keys; it was altered.',
    'zh-CN': '凭证注明了两个不同的签名密钥，已被改动。',
  },
  'cose-unprotected-not-empty': {
    en: 'The credential carries unsigned extra data in its envelope; it is rejected.',
    'zh-CN': '凭证封装中含有未签名的附加数据，予以拒绝。',
  },
  // strict CBOR (stage cose = envelope, stage cbor = claims)
  'cbor-truncated': {
    en: 'The data ends in the middle of a value; it was cut off.',
    'zh-CN': '数据在某个值的中间结束，已被截断。',
  },
  'cbor-trailing-bytes': {
    en: 'Extra data follows the encoded value.',
    'zh-CN': '编码值之后有多余数据。',
  },
  'cbor-malformed': {
    en: 'The data is not well-formed CBOR.',
    'zh-CN': '数据的编码格式不正确。',
  },
  'cbor-indefinite-length': {
    en: 'The data uses indefinite-length items, which credentials never use.',
    'zh-CN': '数据使用了不定长编码，凭证从不使用这种编码。',
  },
  'cbor-non-minimal': {
    en: 'The data encodes a number or length in a longer form than necessary.',
    'zh-CN': '数据以不必要的较长形式编码了数字或长度。',
  },
  'cbor-too-deep': {
    en: 'The data is nested more deeply than any credential.',
    'zh-CN': '数据的嵌套层数超过任何凭证。',
  },
  'cbor-too-many-items': {
    en: 'The data holds more items than any credential.',
    'zh-CN': '数据包含的项目数超过任何凭证。',
  },
  'cbor-duplicate-key': {
    en: 'The data repeats a key in a map, so its meaning is ambiguous.',
    'zh-CN': '数据中的映射重复了同一个键，含义不明确。',
  },
  'cbor-invalid-key': {
    en: 'The data uses a map key that is neither an integer nor text; credentials never do.',
    'zh-CN': '数据中的映射键既不是整数也不是文本，凭证从不使用这种键。',
  },
  'cbor-invalid-utf8': {
    en: 'A text value in the data is not valid UTF-8.',
    'zh-CN': '数据中的文本编码无效。',
  },
  'cbor-unsupported-value': {
    en: 'The data contains a kind of value credentials never contain.',
    'zh-CN': '数据中含有凭证不会包含的值类型。',
  },
  // signature
  'signature-alg-mismatch': {
    en: 'The credential claims a signature algorithm that the trusted key does not use.',
    'zh-CN': '凭证声明的签名算法与受信任密钥的算法不符。',
  },
  'signature-malformed': {
    en: 'The signature has the wrong size for its algorithm.',
    'zh-CN': '签名长度与其算法不符。',
  },
  'signature-key-unusable': {
    en: 'The trusted key cannot check this kind of signature.',
    'zh-CN': '受信任的密钥无法校验此类签名。',
  },
  'signature-high-s': {
    en: 'The signature is in a second, non-standard form of a signature: this credential was re-encoded, not issued as it is.',
    'zh-CN': '签名采用了非标准的第二种形式：此凭证经过改写，并非按原样签发。',
  },
  'signature-invalid': {
    en: 'The signature does not match: the credential was altered or not signed by this key.',
    'zh-CN': '签名不符：凭证已被改动，或并非由此密钥签发。',
  },
} as const satisfies Record<string, Localized>;

export type ContainerErrorCode = keyof typeof CONTAINER_MESSAGES;

export function containerError(stage: StageName, code: ContainerErrorCode, detail?: string): ContainerError {
  const message = CONTAINER_MESSAGES[code];
  return detail === undefined ? { stage, code, message } : { stage, code, message, detail };
}

export function fail(stage: StageName, code: ContainerErrorCode, detail?: string): { ok: false; error: ContainerError } {
  return err(containerError(stage, code, detail));
}
