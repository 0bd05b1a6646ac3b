import type { DocumentFacts } from './fact.ts';

/** Every quantitative fact read in 004_b35aa56265c80658.txt (江苏省“十二五”国民经济和社会发展信息化规划（下）). */
export const jiangsuKeyProjects: DocumentFacts = {
  prefix: '004',
  document: '004_b35aa56265c80658.txt',
  title: '江苏省“十二五”国民经济和社会发展信息化规划（下）',
  // biome-ignore format: a table, one fact a line
  facts: [
    ['target', 'jiangsu-12fyp', 'integration-demo-zones', null, null, 2015, 'level', 'gte', 50, '个', '建成50个省级以上两化融合示范区、试验区'],
    ['target', 'jiangsu-12fyp', 'integration-demo-bases', null, null, 2015, 'level', 'gte', 50, '个', '50个以上省级两化融合示范基地、产业服务园'],
    ['target', 'jiangsu-12fyp', 'integration-demo-pilot-enterprises', 'demo', null, 2015, 'level', 'gte', 100, '个', '100家两化融合示范企业'],
    ['target', 'jiangsu-12fyp', 'integration-demo-pilot-enterprises', 'pilot', null, 2015, 'level', 'gte', 1000, '个', '1000家试点企业'],
    ['target', 'jiangsu-12fyp', 'rural-informatization-demo-bases', null, null, 2015, 'level', 'gte', 100, '个', '建成100个以上省级农村信息化应用示范基地'],
    ['target', 'jiangsu-12fyp', 'equipment-product-informatization-rate', null, null, 2015, 'level', 'gt', 40, '%', '成套设备和传统产业整机产品信息化率分别超过40%'],
    ['target', 'jiangsu-12fyp', 'enterprise-it-application-ratio', null, null, 2015, 'level', 'gt', 60, '%', '企业利用信息技术开展生产、管理、创新活动的比例超过60%'],
    ['target', 'jiangsu-12fyp', 'enterprise-ecommerce-ratio', null, null, 2015, 'level', 'gt', 60, '%', '企业利用互联网开展电子商务的比例超过60%'],
    ['target', 'jiangsu-12fyp', 'online-shopping-retail-share', null, null, 2015, 'level', 'gte', 15, '%', '网络购物交易额占全省社会消费品零售总额的比重达15%'],
    ['target', 'jiangsu-12fyp', 'rural-information-service-coverage', null, null, 2015, 'level', 'gte', 90, '%', '对全省农业市场竞争主体覆盖率达到90%以上'],
    ['target', 'jiangsu-12fyp', 'online-agricultural-sales', null, null, 2015, 'level', 'gte', 200, '亿元', '利用网络实现农产品营销达到200亿元'],
    ['target', 'jiangsu-12fyp', 'rural-online-training-share', null, null, 2015, 'level', 'gt', 50, '%', '农村网上培训数超过培训总数的50%'],
    ['target', 'jiangsu-12fyp', 'education-informatization-compliance', null, null, 2015, 'level', 'gte', 90, '%', '国家信息化标准达标率90%'],
    ['target', 'jiangsu-12fyp', 'social-security-cards-issued', null, null, 2015, 'level', 'gte', 4000, '万张', '累计社会保障卡发卡量达4000万张'],
    ['target', 'jiangsu-12fyp', 'etc-users', null, null, 2015, 'level', 'gte', 100, '万户', '本省ETC用户数达100万'],
    ['target', 'jiangsu-12fyp', 'etc-lane-traffic-share', null, null, 2015, 'level', 'gte', 40, '%', 'ETC车道流量占比达40%'],
    ['target', 'jiangsu-12fyp', 'community-platform-coverage', null, null, 2015, 'level', 'gte', 90, '%', '90%以上市、县（市）建成统一规范的社区综合管理和服务信息平台'],
    ['target', 'jiangsu-12fyp', 'electronic-manufacturing-revenue', null, null, 2015, 'level', 'gt', 40000, '亿元', '电子信息产品制造业销售收入突破4万亿元'],
    ['target', 'jiangsu-12fyp', 'integrated-circuit-revenue', null, null, 2015, 'level', 'gte', 1500, '亿元', '集成电路产业1500亿元'],
    ['target', 'jiangsu-12fyp', 'flat-panel-display-revenue', null, null, 2015, 'level', 'gte', 7000, '亿元', '平板显示产业7000亿元'],
    ['target', 'jiangsu-12fyp', 'iot-industry-revenue', null, null, 2015, 'level', 'gt', 4000, '亿元', '物联网产业销售收入超过4000亿元'],
    ['target', 'jiangsu-12fyp', 'software-it-services-revenue', null, null, 2015, 'level', 'gt', 8000, '亿元', '全省软件和信息服务业业务收入超过8000亿元'],
    ['target', 'jiangsu-12fyp', 'software-it-services-revenue', null, null, 2015, 'annual_growth', 'gte', 30, '%', '年均增幅保持在30%以上'],
    ['target', 'jiangsu-12fyp', 'software-exports', null, null, 2015, 'level', 'gt', 120, '亿美元', '软件出口超过120亿美元'],
    ['target', 'jiangsu-12fyp', 'software-employees', null, null, 2015, 'level', 'gte', 120, '万人', '软件从业人员达120万人'],
  ],
};
