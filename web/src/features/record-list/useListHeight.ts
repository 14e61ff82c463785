// The height of a virtual list's scrolled body: the window less the header, toolbar and
// pager above and below it (so the pager stays on screen), never below a few rows' worth.
// Follows window resizes and zoom (at 200% the window holds half as many CSS pixels).
import { useEffect, useState } from "react";

const CHROME = 300;
const MIN = 240;

const measure = () => Math.max(MIN, window.innerHeight - CHROME);

export function useListHeight(): number {
  const [height, setHeight] = useState(measure);
  useEffect(() => {
    const update = () => setHeight(measure());
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, []);
  return height;
}
