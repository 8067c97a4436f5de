import { Field, ID, ObjectType } from "type-graphql";
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/** A reseller; resellers form a tree through `parentId`. */
@ObjectType({ simpleResolvers: true, description: "A reseller; a reseller reaches its own payments and those of every reseller below it" })
@Entity({ name: "reseller" })
export class Reseller {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Field()
  @Index({ unique: true })
  @Column({ type: "varchar", length: 64 })
  code!: string;

  @Field()
  @Column({ type: "varchar", length: 200 })
  name!: string;

  @Field(() => ID, { nullable: true, description: "The parent reseller; null at the top of the tree or above the caller's reach" })
  @Column({ name: "parent_id", type: "uuid", nullable: true })
  parentId!: string | null;

  @CreateDateColumn({ name: "created_at", type: "timestamptz" })
  createdAt!: Date;
}
