// One icon per field type, shared by the palette, the canvas and the list headers.
import {
  BorderOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  DownSquareOutlined,
  EditOutlined,
  FieldNumberOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FontSizeOutlined,
  LineOutlined,
  LinkOutlined,
  PaperClipOutlined,
  TableOutlined,
  TagOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
  ApartmentOutlined,
  CheckCircleOutlined,
  ColumnWidthOutlined,
  FileSearchOutlined,
  FolderOutlined,
  ProfileOutlined,
} from "@ant-design/icons";
import type { ReactElement } from "react";
import type { PaletteType } from "./fieldTypes";

const icons: Partial<Record<PaletteType, ReactElement>> = {
  SINGLE_LINE_TEXT: <FontSizeOutlined aria-hidden />,
  MULTI_LINE_TEXT: <FileTextOutlined aria-hidden />,
  RICH_TEXT: <EditOutlined aria-hidden />,
  NUMBER: <FieldNumberOutlined aria-hidden />,
  CALC: <CalculatorOutlined aria-hidden />,
  RADIO_BUTTON: <CheckCircleOutlined aria-hidden />,
  CHECK_BOX: <CheckSquareOutlined aria-hidden />,
  MULTI_SELECT: <UnorderedListOutlined aria-hidden />,
  DROP_DOWN: <DownSquareOutlined aria-hidden />,
  DATE: <CalendarOutlined aria-hidden />,
  TIME: <ClockCircleOutlined aria-hidden />,
  DATETIME: <FieldTimeOutlined aria-hidden />,
  LINK: <LinkOutlined aria-hidden />,
  FILE: <PaperClipOutlined aria-hidden />,
  USER_SELECT: <UserOutlined aria-hidden />,
  ORGANIZATION_SELECT: <ApartmentOutlined aria-hidden />,
  GROUP_SELECT: <TeamOutlined aria-hidden />,
  SUBTABLE: <TableOutlined aria-hidden />,
  LABEL: <TagOutlined aria-hidden />,
  SPACER: <ColumnWidthOutlined aria-hidden />,
  HR: <LineOutlined aria-hidden />,
  LOOKUP: <FileSearchOutlined aria-hidden />,
  REFERENCE_TABLE: <ProfileOutlined aria-hidden />,
  GROUP: <FolderOutlined aria-hidden />,
};

export function FieldTypeIcon({ type }: { type: PaletteType }) {
  return <span aria-hidden>{icons[type] ?? <BorderOutlined aria-hidden />}</span>;
}
