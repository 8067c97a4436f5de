import type { PaymentDatabase } from "../../stores/stores";
import { SaveResellerCommand } from "../commands/reference-commands";
import { RecordChange, ResellerNotFoundError } from "../intake/intake-results";
import type { OperationActor } from "../operation-actor";
import { ValidationError } from "../operation-errors";
import { ReferenceConflictError, ResellerCycleError, ResellerSaved } from "./reference-results";
import { writeReference } from "./reference-writes";

const saved = (reseller: ResellerSaved["reseller"], change: RecordChange) => Object.assign(new ResellerSaved(), { reseller, change });

/**
 * Adds a reseller below a parent within the caller's reach, or changes one within it: its name,
 * or its place in the tree. A move never puts a reseller below itself; the tree keeps one top,
 * so only the first reseller is added without a parent. Tree changes take their turn (the table
 * is locked against other changes while one is checked and written).
 */
export function saveReseller(db: PaymentDatabase, given: SaveResellerCommand, actor: OperationActor): Promise<object> {
  return writeReference(db, SaveResellerCommand, given, actor, async (stores, command) => {
    await stores.resellers.lockTree();
    // Reach as the tree is now, under the lock: the token's reach was read before a move may have committed.
    const inReach = async (id: string) => actor.reach.resellerIds === "all" || (actor.resellerId !== null && (await stores.resellers.isWithin(actor.resellerId, id)));
    const found = await stores.resellers.byCodes(command.parentCode ? [command.code, command.parentCode] : [command.code]);
    const existing = found.find((reseller) => reseller.code === command.code);
    const parent = command.parentCode ? found.find((reseller) => reseller.code === command.parentCode) : undefined;
    if (command.parentCode && (!parent || !(await inReach(parent.id)))) return ResellerNotFoundError.of(command.parentCode);

    if (!existing) {
      if (!parent && (await stores.resellers.any())) {
        return ValidationError.of([{ field: "parentCode", message: "a new reseller needs a parent within your reach: the tree has one top" }]);
      }
      return saved(await stores.resellers.insert({ code: command.code, name: command.name, parentId: parent?.id ?? null }), RecordChange.CREATED);
    }
    if (!(await inReach(existing.id))) return ReferenceConflictError.of("code", command.code, "reseller");
    const parentId = parent ? parent.id : existing.parentId;
    if (parent && parentId !== existing.parentId && (parent.id === existing.id || (await stores.resellers.isWithin(existing.id, parent.id)))) {
      return ResellerCycleError.of(command.code, parent.code);
    }
    if (existing.name === command.name && existing.parentId === parentId) return saved(existing, RecordChange.UNCHANGED);
    return saved(await stores.resellers.update(existing.id, { name: command.name, parentId }), RecordChange.UPDATED);
  });
}
