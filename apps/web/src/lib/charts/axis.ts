/**
 * Svelte actions that let d3-axis draw an axis into a `<g>` the component owns (d3 only touches that
 * group's children). Re-run when the scale changes.
 */
import { axisBottom, axisLeft, select, type AxisDomain, type AxisScale } from 'd3';

export interface AxisOptions<D extends AxisDomain> {
  scale: AxisScale<D>;
  ticks?: number;
  format?: (value: D) => string;
  /** Space between the axis line and the labels. */
  padding?: number;
  /** Turn the labels (bottom axis) when they would overlap. */
  rotate?: boolean;
}

function draw<D extends AxisDomain>(
  node: SVGGElement,
  side: 'left' | 'bottom',
  options: AxisOptions<D>,
): void {
  const axis = side === 'left' ? axisLeft(options.scale) : axisBottom(options.scale);
  if (options.ticks !== undefined) axis.ticks(options.ticks);
  if (options.format) axis.tickFormat((value) => options.format!(value));
  if (options.padding !== undefined) axis.tickPadding(options.padding);
  const group = select(node);
  group.call(axis);
  const labels = group.selectAll<SVGTextElement, D>('text').attr('font-size', 12).attr('fill', '#17202c');
  if (side === 'bottom' && options.rotate)
    labels
      .attr('text-anchor', 'end')
      .attr('transform', 'rotate(-35)')
      .attr('dx', '-0.4em')
      .attr('dy', '0.5em');
  else if (side === 'bottom') labels.attr('text-anchor', 'middle').attr('transform', null).attr('dx', null);
}

export function axisLeftAction<D extends AxisDomain>(node: SVGGElement, options: AxisOptions<D>) {
  draw(node, 'left', options);
  return { update: (next: AxisOptions<D>) => draw(node, 'left', next) };
}

export function axisBottomAction<D extends AxisDomain>(node: SVGGElement, options: AxisOptions<D>) {
  draw(node, 'bottom', options);
  return { update: (next: AxisOptions<D>) => draw(node, 'bottom', next) };
}
