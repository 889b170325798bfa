// The TDM Policy (TDMRep "Expressing a TDM Policy"): an ODRL 2.2 Offer in JSON-LD. It is
// validated for reporting only; nothing here can change a reservation.

import { assertArg, decodeText } from '@optout/core';
import { isAbsoluteUrl } from './properties.js';
import type { TdmDiagnostic } from './types.js';

/** Options for `parsePolicy`. */
export interface PolicyOptions {
  /** `strict` (default): the 2024-05-10 report; `lenient`: the older `@context` alias form is a warning. */
  mode?: 'strict' | 'lenient';
  /** Bytes read at most. Default 1 MiB. */
  maxBytes?: number;
}

/** How to reach the rights holder (the assigner's vCard). */
export interface PolicyContact {
  uid?: string;
  name?: string;
  nickname?: string;
  email?: string;
  telephone?: string;
  url?: string;
  address?: Record<string, string>;
}

/** One ODRL constraint as written. */
export interface PolicyConstraint {
  leftOperand: string;
  operator: string;
  rightOperand: unknown;
}

/** One permission: `tdm:mine` with its duties and constraints. */
export interface PolicyPermission {
  action: string;
  /** Collection the permission covers (for grouping licence requests). */
  target?: string;
  /** `obtainConsent`, `compensate`, … */
  duties: string[];
  /** `tdm:research` or `tdm:non-research`, or null when unconstrained. */
  purpose: string | null;
  /** ISO 3166 URNs of a `spatial isPartOf` constraint (best-practice extension). */
  spatial?: string[];
  constraints: PolicyConstraint[];
}

/** What a policy says, as far as it could be read. */
export interface PolicySummary {
  uid?: string;
  profile?: string;
  contact: PolicyContact;
  permissions: PolicyPermission[];
}

/** The result of `parsePolicy`. */
export interface PolicyReport {
  /** The document conforms to the TDMRep policy profile (no error diagnostics). */
  valid: boolean;
  /** Absent when the document is not a JSON object. */
  policy?: PolicySummary;
  diagnostics: TdmDiagnostic[];
}

const ODRL_CONTEXT = 'http://www.w3.org/ns/odrl.jsonld';
const TDMREP_CONTEXT = 'http://www.w3.org/ns/tdmrep.jsonld';
const TDM_NS = 'http://www.w3.org/ns/tdmrep#';
const ODRL_NS = 'http://www.w3.org/ns/odrl/2/';
const PROFILE = 'http://www.w3.org/ns/tdmrep';
const DUTIES = new Set(['obtainConsent', 'compensate']);
const PURPOSES = new Set(['tdm:research', 'tdm:non-research']);
const ISO_3166 = /^urn:iso:3166:[A-Z]{2,3}(-[A-Z0-9]{1,3})?$/;
const VCARD: Record<string, keyof PolicyContact> = {
  'vcard:fn': 'name',
  'vcard:nickname': 'nickname',
  'vcard:hasEmail': 'email',
  'vcard:hasTelephone': 'telephone',
  'vcard:hasURL': 'url',
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// An IRI-valued term as written: a string, or `{"@id": …}`.
function term(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value['@id'] === 'string') return value['@id'];
  return undefined;
}

// Compact a term the way the TDMRep and ODRL contexts do: `tdm:x` for the
// TDMRep namespace (also the bare `mine`, `research`, `non-research` the
// tdmrep.jsonld context defines), the bare name for ODRL.
function compact(value: string): string {
  if (value.startsWith(TDM_NS)) return `tdm:${value.slice(TDM_NS.length)}`;
  if (value.startsWith(ODRL_NS)) return value.slice(ODRL_NS.length);
  if (value.startsWith('odrl:')) return value.slice(5);
  if (value === 'mine' || value === 'research' || value === 'non-research') return `tdm:${value}`;
  return value;
}

function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

class PolicyReader {
  readonly diagnostics: TdmDiagnostic[] = [];

  constructor(readonly lenient: boolean) {}

  report(code: string, severity: TdmDiagnostic['severity'], message: string, pointer?: string): void {
    const d: TdmDiagnostic = { code: `tdm-policy.${code}`, severity, message };
    if (pointer !== undefined) d.pointer = pointer;
    this.diagnostics.push(d);
  }

  context(value: unknown): void {
    const list = asList(value);
    const strings = list.filter((v): v is string => typeof v === 'string');
    if (list.length === 2 && strings.includes(ODRL_CONTEXT) && strings.includes(TDMREP_CONTEXT)) return;
    const alias = list.find((v) => isObject(v) && v.tdm === TDM_NS);
    if (list.length === 2 && strings.includes(ODRL_CONTEXT) && alias) {
      this.report(
        'legacy-context',
        this.lenient ? 'warning' : 'error',
        '@context uses the {"tdm": "http://www.w3.org/ns/tdmrep#"} alias form of the 2024-02-02 report; ' +
          `the 2024-05-10 report requires ["${ODRL_CONTEXT}", "${TDMREP_CONTEXT}"]`,
        '/@context',
      );
      return;
    }
    this.report('context', 'error', `@context must be ["${ODRL_CONTEXT}", "${TDMREP_CONTEXT}"]`, '/@context');
  }

  header(doc: Json): void {
    const type = term(doc['@type']);
    if (type === undefined || compact(type) !== 'Offer') {
      this.report('type', 'error', `@type must be Offer, got ${JSON.stringify(doc['@type'])}`, '/@type');
    }
    const uid = doc.uid;
    if (uid === undefined) this.report('uid-missing', 'error', 'uid missing', '/uid');
    else if (typeof uid !== 'string' || !isAbsoluteUrl(uid))
      this.report('uid', 'error', 'uid must be a URI', '/uid');
    const profile = term(doc.profile);
    if (doc.profile === undefined) this.report('profile-missing', 'error', 'profile missing', '/profile');
    else if (profile !== PROFILE) this.report('profile', 'error', `profile must be ${PROFILE}`, '/profile');
    for (const key of ['obligation', 'prohibition']) {
      if (doc[key] !== undefined)
        this.report(key, 'warning', `${key} SHOULD NOT be used in a TDM policy`, `/${key}`);
    }
  }

  contact(value: unknown): PolicyContact {
    if (value === undefined) {
      this.report('assigner-missing', 'error', 'assigner missing', '/assigner');
      return {};
    }
    if (typeof value === 'string') {
      this.report(
        'assigner',
        'warning',
        'assigner is only an IRI; a vCard object gives a contact',
        '/assigner',
      );
      return { uid: value };
    }
    if (!isObject(value)) {
      this.report('assigner', 'error', 'assigner must be an object', '/assigner');
      return {};
    }
    const contact: PolicyContact = {};
    if (typeof value.uid === 'string') contact.uid = value.uid;
    for (const [key, field] of Object.entries(VCARD)) {
      const text = term(value[key]);
      if (text !== undefined) (contact as Record<string, string>)[field] = text;
    }
    if (contact.email !== undefined && !contact.email.startsWith('mailto:')) {
      this.report('vcard', 'warning', 'vcard:hasEmail should be a mailto: URI', '/assigner/vcard:hasEmail');
    }
    if (contact.telephone !== undefined && !contact.telephone.startsWith('tel:')) {
      this.report(
        'vcard',
        'warning',
        'vcard:hasTelephone should be a tel: URI',
        '/assigner/vcard:hasTelephone',
      );
    }
    const address = value['vcard:hasAddress'];
    if (isObject(address)) {
      contact.address = Object.fromEntries(
        Object.entries(address).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    }
    return contact;
  }

  permissions(value: unknown): PolicyPermission[] {
    if (value === undefined) {
      this.report('permission-missing', 'error', 'permission missing', '/permission');
      return [];
    }
    if (!Array.isArray(value))
      this.report('permission-shape', 'warning', 'permission should be an array', '/permission');
    const list = asList(value);
    if (!list.length) this.report('permission-missing', 'error', 'permission is empty', '/permission');
    const out: PolicyPermission[] = [];
    list.forEach((node, i) => {
      const at = Array.isArray(value) ? `/permission/${i}` : '/permission';
      const permission = this.permission(node, at);
      if (permission) out.push(permission);
    });
    return out;
  }

  permission(node: unknown, at: string): PolicyPermission | undefined {
    if (!isObject(node)) {
      this.report('permission-shape', 'error', 'a permission must be an object', at);
      return undefined;
    }
    const action = term(node.action);
    const compacted = action === undefined ? undefined : compact(action);
    if (compacted !== 'tdm:mine') {
      this.report(
        'action',
        'error',
        `permission action must be tdm:mine, got ${JSON.stringify(node.action)}`,
        `${at}/action`,
      );
    }
    const permission: PolicyPermission = {
      action: compacted ?? '',
      duties: this.duties(node.duty, `${at}/duty`),
      purpose: null,
      constraints: [],
    };
    const target = term(node.target);
    if (target !== undefined) permission.target = target;
    asList(node.constraint).forEach((c, i) => {
      this.constraint(c, permission, `${at}/constraint/${i}`);
    });
    return permission;
  }

  duties(value: unknown, at: string): string[] {
    const out: string[] = [];
    asList(value).forEach((duty, i) => {
      const action = isObject(duty) ? term(duty.action) : undefined;
      const name = action === undefined ? undefined : compact(action);
      if (!name) {
        this.report('duty', 'warning', 'a duty must be an object with an action', `${at}/${i}`);
        return;
      }
      if (!DUTIES.has(name)) {
        this.report('duty', 'warning', `duty ${name} is neither obtainConsent nor compensate`, `${at}/${i}`);
      }
      out.push(name);
    });
    return out;
  }

  constraint(node: unknown, permission: PolicyPermission, at: string): void {
    if (!isObject(node)) {
      this.report('constraint', 'warning', 'a constraint must be an object', at);
      return;
    }
    const left = compact(term(node.leftOperand) ?? '');
    const operator = compact(term(node.operator) ?? '');
    const right = node.rightOperand;
    permission.constraints.push({ leftOperand: left, operator, rightOperand: right });
    if (left === 'purpose' && operator === 'eq') {
      const purpose = compact(term(right) ?? '');
      if (PURPOSES.has(purpose)) {
        permission.purpose = purpose;
        this.report(
          'purpose-experimental',
          'info',
          `purpose ${purpose} is marked experimental in the report`,
          at,
        );
      } else {
        this.report(
          'purpose',
          'warning',
          `purpose must be tdm:research or tdm:non-research, got ${JSON.stringify(right)}`,
          at,
        );
      }
      return;
    }
    if (left === 'spatial' && operator === 'isPartOf') {
      const places = asList(right).map((p) => term(p) ?? '');
      for (const place of places.filter((p) => !ISO_3166.test(p))) {
        this.report('spatial-value', 'warning', `${JSON.stringify(place)} is not a urn:iso:3166: code`, at);
      }
      permission.spatial = places;
      this.report(
        'geo-extension',
        'warning',
        'spatial/isPartOf constraint is a best-practice extension (techniques/tdm-policies.md), not in the core report',
        at,
      );
      return;
    }
    this.report(
      'constraint',
      'warning',
      `constraint ${left} ${operator} is not one the TDMRep profile defines`,
      at,
    );
  }
}

function parseJson(text: string, reader: PolicyReader): unknown {
  if (/^\s*</.test(text)) {
    reader.report('not-json', 'error', 'the policy is HTML or XML, not JSON-LD: a human-readable policy');
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    reader.report('invalid-json', 'error', `the policy is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Parse and validate a TDM Policy (ODRL 2.2 Offer in JSON-LD, TDMRep
 * "Expressing a TDM Policy"): `@context` (both the current and the 2024-02-02 alias form),
 * `@type` Offer, uid, profile, the assigner's vCard, permissions of
 * `tdm:mine` with duties and purpose / spatial constraints. Violations are
 * diagnostics; the summary keeps what could be read. A policy never changes
 * a reservation. Never throws on bad input.
 */
export function parsePolicy(input: string | Uint8Array, options: PolicyOptions = {}): PolicyReport {
  const mode = options.mode ?? 'strict';
  assertArg(
    mode === 'strict' || mode === 'lenient',
    `mode must be 'strict' or 'lenient', got ${String(mode)}`,
  );
  const reader = new PolicyReader(mode === 'lenient');
  const decoded = decodeText(input, options.maxBytes ?? 1 << 20);
  if (decoded.truncated)
    reader.report('truncated', 'error', `the policy is larger than ${decoded.bytes} bytes`);
  const doc = decoded.truncated ? undefined : parseJson(decoded.text, reader);
  if (!isObject(doc)) {
    if (doc !== undefined) reader.report('not-object', 'error', 'the policy must be a JSON object');
    return { valid: false, diagnostics: reader.diagnostics };
  }
  reader.context(doc['@context']);
  reader.header(doc);
  const policy: PolicySummary = {
    contact: reader.contact(doc.assigner),
    permissions: reader.permissions(doc.permission),
  };
  if (typeof doc.uid === 'string') policy.uid = doc.uid;
  const profile = term(doc.profile);
  if (profile !== undefined) policy.profile = profile;
  const valid = !reader.diagnostics.some((d) => d.severity === 'error');
  return { valid, policy, diagnostics: reader.diagnostics };
}

/**
 * Whether a policy served with this content type is for people (an HTML
 * licensing page) or machines (JSON / JSON-LD). Without a usable content
 * type the body is sniffed: a JSON object or array is for machines.
 */
export function policyKind(
  contentType: string | null | undefined,
  body?: string | Uint8Array,
): 'human' | 'machine' {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type === 'application/ld+json' || type.endsWith('+json'))
    return 'machine';
  if (type !== '' && type !== 'application/octet-stream' && type !== 'text/plain') return 'human';
  if (body === undefined) return 'human';
  return /^\s*[{[]/.test(decodeText(body, 1024).text) ? 'machine' : 'human';
}
