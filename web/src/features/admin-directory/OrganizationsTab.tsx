// The organisation tree: pick an organisation to rename it, move it under another parent (or
// to the top), delete it (the server refuses while it has sub-organisations; its message is
// shown) and see its members; add organisations anywhere in the tree.
import { App as AntApp, Button, Card, Col, Row, Tree } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMemo, useState } from "react";
import { useI18n } from "../../app/I18nProvider";
import { EmptyState } from "../../ui/PageState";
import type { DirectoryApi, Organization } from "./directoryApi";
import { OrganizationDetail } from "./OrganizationDetail";
import { OrganizationDialog } from "./OrganizationDialog";
import { buildOrgTree, type OrgTreeNode } from "./orgTree";

interface Props {
  api: DirectoryApi;
  organizations: Organization[];
  onChanged: () => void;
}

interface TreeItem {
  key: string;
  title: string;
  children: TreeItem[];
}

const toItem = (n: OrgTreeNode<Organization>): TreeItem => ({ key: n.org.code, title: `${n.org.name} (${n.org.code})`, children: n.children.map(toItem) });

export function OrganizationsTab({ api, organizations, onChanged }: Props) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  // Everything starts open and stays open as organisations are added; only what the
  // administrator folds stays folded.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const tree = useMemo(() => buildOrgTree(organizations).map(toItem), [organizations]);
  const org = organizations.find((o) => o.code === selected) ?? null;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title={<h2 className="card-title">{t("directory.org.treeTitle")}</h2>}
          extra={<Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>{t("directory.org.add")}</Button>}
        >
          {tree.length === 0 ? (
            <EmptyState message={t("directory.org.empty")} />
          ) : (
            <Tree<TreeItem>
              aria-label={t("directory.org.treeTitle")}
              showLine
              blockNode
              expandedKeys={organizations.map((o) => o.code).filter((c) => !folded.has(c))}
              onExpand={(keys) => setFolded(new Set(organizations.map((o) => o.code).filter((c) => !keys.includes(c))))}
              treeData={tree}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected(keys.length ? String(keys[0]) : selected)}
              data-testid="org-tree"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        {org ? (
          <OrganizationDetail
            key={org.code}
            api={api}
            org={org}
            organizations={organizations}
            onChanged={(code) => {
              setSelected(code);
              onChanged();
            }}
          />
        ) : (
          <Card><EmptyState message={t("directory.org.pick")} /></Card>
        )}
      </Col>
      {adding ? (
        <OrganizationDialog
          api={api}
          organizations={organizations}
          parentCode={selected}
          onClose={() => setAdding(false)}
          onSaved={(code) => {
            setAdding(false);
            setSelected(code);
            void message.success(t("directory.saved"));
            onChanged();
          }}
        />
      ) : null}
    </Row>
  );
}
