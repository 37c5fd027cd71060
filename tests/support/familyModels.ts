/**
 * Which emulated models (what a deployment really runs) belong to each of the plugin's model
 * families. Written from the facts files and the emulator's model list, not from the plugin's
 * family table, so tests can check the table against it: the Test button's `familyOfModel` must
 * map every one of these models' `model` strings back to this family.
 */
import type { FamilyId } from "../../src/core/families";
import type { EmulatedFamily } from "./emulator/types";

export const MODELS_OF_FAMILY: Record<FamilyId, readonly EmulatedFamily[]> = {
	"o1-preview": ["o1-preview"],
	"o1-mini": ["o1-mini"],
	o1: ["o1"],
	"o3-mini": ["o3-mini"],
	o3: ["o3"],
	"o4-mini": ["o4-mini"],
	"o3-pro": ["o3-pro"],
	"codex-mini": ["codex-mini"],
	"gpt-5": ["gpt-5"],
	"gpt-5-pro": ["gpt-5-pro"],
	"gpt-5-codex": ["gpt-5-codex", "gpt-5.1-codex", "gpt-5.1-codex-mini"],
	"gpt-5.1-codex-max": ["gpt-5.1-codex-max"],
	"gpt-5.1": ["gpt-5.1"],
	"gpt-5.2": ["gpt-5.2", "gpt-5.4", "gpt-5.5"],
	"gpt-5.2-pro": ["gpt-5.2-pro"],
	"gpt-5.6": ["gpt-5.6-sol", "gpt-5.6-terra", "gpt-5.6-luna"],
	"gpt-6-astra": ["gpt-6-astra"],
	"gpt-5-chat": ["gpt-5-chat", "gpt-5.1-chat"],
	chat: ["chat"],
};

/** The first (most typical) model of a family, for tests that need one deployment per family. */
export function modelOf(family: FamilyId): EmulatedFamily {
	return MODELS_OF_FAMILY[family][0]!;
}
