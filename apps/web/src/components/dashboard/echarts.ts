import { BarChart, LineChart } from "echarts/charts";
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use as register } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

/**
 * The parts of ECharts the dashboard uses, and nothing else (echarts/core keeps the bundle
 * small). Imported only through chart.tsx's dynamic import, so it loads after the page, in its
 * own chunk. SVG draws crisply on paper and on high-density phone screens.
 */
register([BarChart, LineChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };
