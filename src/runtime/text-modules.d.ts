// Files wrangler bundles as text (wrangler.toml [[rules]] type = "Text").
declare module 'echarts/dist/echarts.min.js' {
  const text: string;
  export default text;
}
