// Where an organisation sits: a tree picker of the organisations it may go under (never
// itself or one of its own sub-organisations), cleared for the top of the tree.
import { TreeSelect } from "antd";
import { useMemo } from "react";
import { useI18n } from "../../app/I18nProvider";
import type { Organization } from "./directoryApi";
import { buildOrgTree, selfAndDescendants, type OrgTreeNode } from "./orgTree";

interface Props {
  id: string;
  organizations: Organization[];
  /** The organisation being moved, whose own branch is not offered. */
  moving?: string;
  value: string | null;
  onChange: (code: string | null) => void;
}

interface Option {
  value: string;
  title: string;
  disabled: boolean;
  children: Option[];
}

export function ParentPicker({ id, organizations, moving, value, onChange }: Props) {
  const { t } = useI18n();
  const options = useMemo(() => {
    const banned = moving ? selfAndDescendants(organizations, moving) : new Set<string>();
    const toOption = (n: OrgTreeNode<Organization>): Option => ({
      value: n.org.code,
      title: `${n.org.name} (${n.org.code})`,
      disabled: banned.has(n.org.code),
      children: n.children.map(toOption),
    });
    return buildOrgTree(organizations).map(toOption);
  }, [organizations, moving]);
  return (
    <TreeSelect
      id={id}
      style={{ width: "100%" }}
      treeData={options}
      treeDefaultExpandAll
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder={t("directory.org.topLevel")}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange(v ?? null)}
    />
  );
}
