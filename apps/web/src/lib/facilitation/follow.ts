import type { StepId } from '@koers/board';

/**
 * How a laptop's own navigation and the room's step meet while a session runs: the leider's step is the
 * room's step, and a following teacher who goes elsewhere herself has wandered off.
 */

export interface FollowState {
  active: boolean;
  isLeader: boolean;
  following: boolean;
  roomStep: StepId | null;
}

/**
 * She went to `stepId` herself (not by a jump) while following: she wandered off, so following stops.
 * A step that is the room's step is no wandering (a jump, or she came back by hand).
 */
export function wanderedOff(state: FollowState, stepId: StepId): boolean {
  return (
    state.active && !state.isLeader && state.following && state.roomStep !== null && stepId !== state.roomStep
  );
}

/**
 * The leider moved from `previous` to `current` (her URL): the step the room should go to, or null. Only her
 * own moves count, so taking over or reloading on another step does not move the room by itself.
 */
export function leaderStepChange(
  state: Pick<FollowState, 'active' | 'isLeader' | 'roomStep'>,
  previous: StepId | null,
  current: StepId,
): StepId | null {
  if (!state.active || !state.isLeader || previous === null || previous === current) return null;
  return current === state.roomStep ? null : current;
}
