/**
 * Dragging organisation chips between drop zones with pointer events (mouse, pen and
 * touch alike). Zones are elements with `data-zone`; chips carry `data-org`. A press
 * that does not move is left to the click handler; a drag swallows the click that
 * follows it.
 */
export function enableChipDrag(root: HTMLElement, onDrop: (organisation: string, zone: number) => void): void {
  let justDragged = false;
  root.addEventListener(
    "click",
    (e) => {
      if (justDragged) e.stopPropagation();
    },
    { capture: true },
  );

  root.addEventListener("pointerdown", (down) => {
    const chip = (down.target as Element).closest<HTMLElement>(".chip[data-org]");
    if (!chip || down.button !== 0) return;
    const box = chip.getBoundingClientRect();
    const grab = { x: down.clientX - box.left, y: down.clientY - box.top };
    let ghost: HTMLElement | null = null;
    let over: HTMLElement | null = null;

    const move = (e: PointerEvent) => {
      if (!ghost) {
        if (Math.hypot(e.clientX - down.clientX, e.clientY - down.clientY) < 6) return;
        ghost = chip.cloneNode(true) as HTMLElement;
        ghost.classList.add("chip-ghost");
        ghost.removeAttribute("data-org");
        ghost.style.width = `${box.width}px`;
        document.body.append(ghost);
        chip.classList.add("dragging");
      }
      ghost.style.transform = `translate(${e.clientX - grab.x}px, ${e.clientY - grab.y}px)`;
      const zone = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>("[data-zone]") ?? null;
      if (zone !== over) {
        over?.classList.remove("drop-target");
        zone?.classList.add("drop-target");
        over = zone;
      }
    };
    const end = (e: PointerEvent) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", end);
      window.removeEventListener("pointercancel", end);
      if (!ghost) return;
      ghost.remove();
      chip.classList.remove("dragging");
      over?.classList.remove("drop-target");
      justDragged = true;
      setTimeout(() => (justDragged = false));
      if (over && e.type === "pointerup") onDrop(chip.dataset.org!, Number(over.dataset.zone));
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", end);
    window.addEventListener("pointercancel", end);
  });
}
