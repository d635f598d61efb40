import { LitElement, css, html, PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import * as echarts from 'echarts/core';
import { LineChart, BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, SVGRenderer]);

/** One series of the chart, as sent by the server. */
interface ChartSeries {
  name: string;
  data: Array<number | null>;
  /** 'line' (default) or 'bar'. */
  kind?: string;
  /** A fixed colour, so a series looks the same on every tab. */
  color?: string;
}

/** Everything the server sends: categories on the x axis, series, the y-axis label. */
interface ChartData {
  categories: string[];
  series: ChartSeries[];
  yAxisName?: string;
  /** Number of decimals in the tooltip; 0 for counts. */
  decimals?: number;
  emptyText?: string;
}

/**
 * A time-series chart over Apache ECharts. The server sets `data`; hovering a point shows the
 * date and the values, clicking a legend entry hides or shows that series (ECharts does this
 * in the browser: the server and its grid are not involved).
 */
@customElement('vva-chart')
export class VvaChart extends LitElement {
  static styles = css`
    :host { display: block; position: relative; min-height: 240px; }
    #chart { position: absolute; inset: 0; }
    .empty {
      position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
      color: var(--lumo-secondary-text-color, #666); font-size: var(--lumo-font-size-m, 1rem);
    }
  `;

  @property({ type: Object }) data: ChartData | null = null;

  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;

  render() {
    const empty = !this.data || this.data.categories.length === 0;
    return html`<div id="chart" part="chart"></div>${empty && this.data?.emptyText
      ? html`<div class="empty">${this.data.emptyText}</div>` : ''}`;
  }

  firstUpdated() {
    const container = this.renderRoot.querySelector('#chart') as HTMLElement;
    this.chart = echarts.init(container, undefined, { renderer: 'svg' });
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
    this.applyData();
  }

  updated(changed: PropertyValues) {
    if (changed.has('data') && this.chart) {
      this.applyData();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  connectedCallback() {
    super.connectedCallback();
    // Re-attached after a tab switch: Lit keeps the shadow DOM, ECharts needs a new instance.
    if (this.hasUpdated && !this.chart) {
      this.firstUpdated();
    }
  }

  private applyData() {
    if (!this.chart) {
      return;
    }
    const data = this.data ?? { categories: [], series: [] };
    const decimals = data.decimals ?? 0;
    const format = (value: unknown) =>
      value === null || value === undefined || value === '-' ? '–' : Number(value).toFixed(decimals);
    this.chart.setOption(
      {
        animation: false,
        tooltip: {
          trigger: 'axis',
          valueFormatter: format,
        },
        legend: { top: 0, type: 'scroll' },
        grid: { left: 48, right: 24, top: 40, bottom: 32, containLabel: true },
        xAxis: {
          type: 'category',
          data: data.categories,
          boundaryGap: data.series.some((s) => s.kind === 'bar'),
          axisLabel: { hideOverlap: true, margin: 12 },
        },
        yAxis: { type: 'value', name: data.yAxisName ?? '', minInterval: decimals === 0 ? 1 : undefined },
        series: data.series.map((s) => ({
          name: s.name,
          type: s.kind === 'bar' ? 'bar' : 'line',
          data: s.data,
          showSymbol: data.categories.length <= 31,
          ...(s.color ? { color: s.color, itemStyle: { color: s.color }, lineStyle: { color: s.color } } : {}),
          connectNulls: false,
        })),
      },
      { notMerge: true },
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'vva-chart': VvaChart;
  }
}
