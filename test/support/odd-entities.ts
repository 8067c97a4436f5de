import {
  AfterLoad,
  ChildEntity,
  Column,
  DataSource,
  DeleteDateColumn,
  Entity,
  EventSubscriber,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  TableInheritance,
  Tree,
  TreeChildren,
  TreeParent,
  VirtualColumn,
  type EntitySubscriberInterface,
} from "typeorm";
import { Currency } from "../../src/domain";

/**
 * Entities whose reads TypeORM does more for than set plain columns: each has one such shape,
 * which the adapter over TypeORM reports and EntityRows refuses. Their tables need not exist.
 */

/** The id the odd entities share (a class's columns are its subclasses' too). */
abstract class Odd {
  @PrimaryGeneratedColumn("uuid") id!: string;
}

@Entity({ name: "odd_transformed" })
export class Transformed extends Odd {
  @Column({ type: "varchar", transformer: { from: (value: string) => value?.toUpperCase(), to: (value: string) => value } }) name!: string;
}

@Entity({ name: "odd_array" })
export class WithArray extends Odd {
  @Column({ type: "text", array: true }) tags!: string[];
}

@Entity({ name: "odd_relation" })
export class WithRelation extends Odd {
  @ManyToOne(() => Currency) @JoinColumn({ name: "currency_id" }) currency!: Currency;
}

class Money {
  @Column({ type: "numeric" }) amount!: string;
  @Column({ type: "char", length: 3 }) currencyCode!: string;
}

@Entity({ name: "odd_embedded" })
export class WithEmbedded extends Odd {
  @Column(() => Money) money!: Money;
}

@Entity({ name: "odd_hidden" })
export class WithHiddenColumn extends Odd {
  @Column({ type: "varchar", select: false }) secret!: string;
}

@Entity({ name: "odd_virtual" })
export class WithVirtualColumn extends Odd {
  @VirtualColumn({ type: "int", query: () => "SELECT 1" }) one!: number;
}

@Entity({ name: "odd_soft_deleted" })
export class WithSoftDelete extends Odd {
  @DeleteDateColumn({ name: "deleted_at", type: "timestamptz" }) deletedAt!: Date | null;
}

@Entity({ name: "odd_time" })
export class WithTimeOfDay extends Odd {
  @Column({ name: "opens_at", type: "time" }) opensAt!: string;
}

@Entity({ name: "odd_untyped" })
export class WithUntypedColumn extends Odd {
  @Column() label!: string;
}

@Entity({ name: "odd_composite" })
export class WithCompositeKey {
  @PrimaryColumn({ type: "uuid" }) left!: string;
  @PrimaryColumn({ type: "uuid" }) right!: string;
}

@Entity({ name: "odd_after_load" })
export class WithAfterLoad extends Odd {
  loaded = false;
  @AfterLoad() markLoaded() {
    this.loaded = true;
  }
}

@Entity({ name: "odd_heard" })
export class HeardOnLoad extends Odd {}

@EventSubscriber()
export class LoadSubscriber implements EntitySubscriberInterface<HeardOnLoad> {
  listenTo() {
    return HeardOnLoad;
  }
  afterLoad(entity: HeardOnLoad) {
    Object.assign(entity, { heard: true });
  }
}

@Entity({ name: "odd_inherited" })
@TableInheritance({ column: { type: "varchar", name: "kind" } })
export class Inherited extends Odd {}

@ChildEntity()
export class InheritedChild extends Inherited {
  @Column({ type: "varchar", nullable: true }) extra!: string | null;
}

@Entity({ name: "odd_tree" })
@Tree("materialized-path")
export class InTree extends Odd {
  @TreeChildren() children!: InTree[];
  @TreeParent() parent!: InTree | null;
}

/**
 * Each odd entity; what the adapter reports of it (its features, its columns' types, its primary
 * key columns); what EntityRows' refusal names and says. A plain entity of the product
 * (Currency) sits beside them in their data source, refused for nothing.
 */
export const ODD_ENTITIES: ReadonlyArray<{ entity: new () => object; reported: string; names: string; refusal: string }> = [
  { entity: Transformed, reported: "a value transformer", names: "Transformed.name (column name)", refusal: "it has a value transformer" },
  { entity: WithArray, reported: "an array type", names: "WithArray.tags (column tags)", refusal: "it has an array type" },
  { entity: WithRelation, reported: "relations", names: "the entity WithRelation", refusal: "it has relations" },
  { entity: WithEmbedded, reported: "embedded entities", names: "the entity WithEmbedded", refusal: "it has embedded entities" },
  { entity: WithHiddenColumn, reported: "select: false", names: "WithHiddenColumn.secret (column secret)", refusal: "it has select: false" },
  { entity: WithVirtualColumn, reported: "a virtual column", names: "WithVirtualColumn.one (column one)", refusal: "it has a virtual column" },
  { entity: WithSoftDelete, reported: "a soft-delete date", names: "WithSoftDelete.deletedAt (column deleted_at)", refusal: "it has a soft-delete date" },
  { entity: WithTimeOfDay, reported: "type time", names: "WithTimeOfDay.opensAt (column opens_at)", refusal: "its type time is not one it knows" },
  { entity: WithUntypedColumn, reported: "type String (a class)", names: "WithUntypedColumn.label (column label)", refusal: "its type String (a class) is not one it knows" },
  { entity: WithCompositeKey, reported: "2 primary key columns", names: "the entity WithCompositeKey", refusal: "it has 2 primary key columns, not one" },
  { entity: WithAfterLoad, reported: "after-load listeners", names: "the entity WithAfterLoad", refusal: "it has after-load listeners" },
  { entity: HeardOnLoad, reported: "after-load listeners", names: "the entity HeardOnLoad", refusal: "it has after-load listeners" },
  { entity: Inherited, reported: "table inheritance", names: "the entity Inherited", refusal: "it has table inheritance" },
  { entity: InheritedChild, reported: "table inheritance", names: "the entity InheritedChild", refusal: "it has table inheritance" },
  { entity: InTree, reported: "a tree", names: "the entity InTree", refusal: "it has relations, a tree" },
];

/** A data source of the odd entities (and Currency), on the given database: its metadata is what the tests read. */
export async function openOddDataSource(url: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: "postgres",
    url,
    entities: [Currency, ...ODD_ENTITIES.map(({ entity }) => entity)],
    subscribers: [LoadSubscriber],
    synchronize: false,
    installExtensions: false,
    extra: { max: 1 },
  });
  return dataSource.initialize();
}
