import type { ContactGateVerdict, GateReason } from '@crm/domain';

/** Gate reasons and verdicts as the API sends them (instants as ISO strings). */
export function gateReasonDto(r: Pick<GateReason, 'message' | 'params' | 'until' | 'overridable'> & { code: string }) {
  return {
    code: r.code,
    message: r.message,
    params: r.params,
    until: r.until?.toISOString() ?? null,
    overridable: r.overridable,
  };
}

export function gateVerdictDto(v: ContactGateVerdict) {
  return {
    allowed: v.allowed,
    reasons: v.reasons.map(gateReasonDto),
    nextAllowedAt: v.nextAllowedAt?.toISOString() ?? null,
    viaCallback: v.viaCallback,
    overridable: v.overridable,
  };
}
