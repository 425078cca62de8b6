import { describe, expect, it } from 'vitest';
import { permissionScope } from '../../kernel/authorization.js';
import type { Actor } from '../../kernel/context.js';
import { holdsAcross, scopeVisible, ungrantable } from './access-rules.js';
import { grantOf } from './grants.js';

const actor = (...grants: ReturnType<typeof grantOf>[]): Actor => ({ kind: 'staff', id: 'stf_1', grants });

describe('access rules', () => {
  const managerA = actor(grantOf(['staff.manage', 'orders.read', 'orders.refund'], ['plat_a'], null));
  const owner = actor(grantOf(['*'], null, null));

  it('holds a permission across a scope only when grants cover every place of it', () => {
    expect(holdsAcross(managerA, 'orders.read', ['plat_a'], null)).toBe(true);
    expect(holdsAcross(managerA, 'orders.read', ['plat_a'], ['loc_1'])).toBe(true);
    expect(holdsAcross(managerA, 'orders.read', ['plat_a', 'plat_b'], null)).toBe(false);
    expect(holdsAcross(managerA, 'orders.read', null, null)).toBe(false);
    expect(holdsAcross(managerA, '*', ['plat_a'], null)).toBe(false);
    expect(holdsAcross(owner, '*', null, null)).toBe(true);
    const split = actor(grantOf(['orders.read'], ['plat_a'], null), grantOf(['orders.read'], ['plat_b'], null));
    expect(holdsAcross(split, 'orders.read', ['plat_a', 'plat_b'], null)).toBe(true);
    const located = actor(grantOf(['orders.read'], null, ['loc_1']));
    expect(holdsAcross(located, 'orders.read', ['plat_a'], ['loc_1'])).toBe(true);
    expect(holdsAcross(located, 'orders.read', ['plat_a'], null)).toBe(false);
  });

  it('lists what a grant would give beyond the actor (no escalation)', () => {
    expect(ungrantable(managerA, grantOf(['orders.read'], ['plat_a'], null))).toEqual([]);
    expect(ungrantable(managerA, grantOf(['orders.read', 'platforms.manage'], ['plat_a'], null))).toEqual(['platforms.manage']);
    expect(ungrantable(managerA, grantOf(['orders.read'], ['plat_b'], null))).toEqual(['orders.read']);
    expect(ungrantable(managerA, grantOf(['*'], ['plat_a'], null))).toEqual(['*']);
    expect(ungrantable(owner, grantOf(['*'], null, null))).toEqual([]);
  });

  it('shows scoped things to scoped readers that share a platform, unscoped things only to unscoped readers', () => {
    const scope = permissionScope(managerA, 'orders.read');
    expect(scopeVisible(scope, ['plat_a', 'plat_b'], null)).toBe(true);
    expect(scopeVisible(scope, ['plat_b'], null)).toBe(false);
    expect(scopeVisible(scope, null, null)).toBe(false);
    expect(scopeVisible(permissionScope(owner, 'orders.read'), null, null)).toBe(true);
  });
});
