import type { DocumentFacts } from './fact.ts';

/** Every quantitative fact read in 003_ba4abfd5d0d1c7a7.txt (江苏省人民政府关于大力推进信息化发展和切实保障信息安全的实施意见). */
export const jiangsu2013: DocumentFacts = {
  prefix: '003',
  document: '003_ba4abfd5d0d1c7a7.txt',
  title: '江苏省人民政府关于大力推进信息化发展和切实保障信息安全的实施意见',
  // biome-ignore format: a table, one fact a line
  facts: [
    ['target', 'jiangsu-12fyp', 'informatization-index', null, null, 2015, 'level', 'gt', 0.9, '', '信息化总指数超过0.90'],
    ['target', 'jiangsu-12fyp', 'enterprise-it-application-ratio', null, null, 2015, 'level', 'gte', 60, '%', '企业利用信息技术平台开展生产、管理、创新活动的比例达到60%以上'],
    ['target', 'jiangsu-12fyp', 'integration-demo-zones-and-bases', null, null, 2015, 'level', 'gte', 100, '个', '创建两化融合示范（试验）区、示范基地（服务产业园）100个'],
    ['target', 'jiangsu-12fyp', 'integration-demo-pilot-enterprises', 'demo', null, 2015, 'level', 'gte', 100, '个', '认定两化融合示范企业100家'],
    ['target', 'jiangsu-12fyp', 'integration-demo-pilot-enterprises', 'pilot', null, 2015, 'level', 'gte', 1000, '个', '试点企业1000家'],
    ['target', 'jiangsu-12fyp', 'rural-information-service-coverage', null, null, 2015, 'level', 'gte', 90, '%', '农业信息服务覆盖率达到90%'],
    ['target', 'jiangsu-12fyp', 'information-consumption-index', null, null, 2015, 'level', 'gte', 0.92, '', '信息应用消费指数达到0.92'],
    ['target', 'jiangsu-12fyp', 'enterprise-ecommerce-ratio', null, null, 2015, 'level', 'gt', 60, '%', '企业利用互联网开展电子商务的比例超过60%'],
    ['target', 'jiangsu-12fyp', 'online-shopping-retail-share', null, null, 2015, 'level', 'gte', 10, '%', '网络购物交易额占全社会消费品零售总额的比重达到10%'],
    ['target', 'jiangsu-12fyp', 'government-core-business-informatization-coverage', null, 'province', 2015, 'level', 'gte', 90, '%', '分别达到90%、80%、70%以上'],
    ['target', 'jiangsu-12fyp', 'government-core-business-informatization-coverage', null, 'city', 2015, 'level', 'gte', 80, '%', '分别达到90%、80%、70%以上'],
    ['target', 'jiangsu-12fyp', 'government-core-business-informatization-coverage', null, 'county', 2015, 'level', 'gte', 70, '%', '分别达到90%、80%、70%以上'],
    ['target', 'jiangsu-12fyp', 'ehealth-records-coverage', null, null, 2015, 'level', 'gte', 70, '%', '70%以上的城乡居民建立电子健康档案'],
    ['target', 'jiangsu-12fyp', 'education-informatization-compliance', null, null, 2015, 'level', 'gte', 90, '%', '国家教育信息化达标率达到90%'],
    ['target', 'jiangsu-12fyp', 'social-security-cardholders', null, null, 2015, 'level', 'gte', 4900, '万人', '社会保障卡持卡人数达到4900万人'],
    ['target', 'jiangsu-12fyp', 'social-security-card-population-coverage', null, null, 2015, 'level', 'gte', 60, '%', '覆盖全省60%以上人口'],
    ['target', 'jiangsu-12fyp', 'community-platform-coverage', null, null, 2015, 'level', 'gte', 90, '%', '覆盖90%以上的县（市、区）'],
    ['target', 'jiangsu-12fyp', 'information-resource-demo-projects', null, null, 2015, 'level', 'gte', 100, '项', '创建信息资源综合开发利用示范工程100项'],
    ['citation', 'jiangsu-12fyp', 'information-resource-demo-projects', null, null, 2015, 'level', 'gte', 100, '项', '推动建设100个在信息资源综合开发利用方面具有重大推广应用价值的信息化示范工程'],
    ['target', 'jiangsu-12fyp', 'village-fiber-broadband-reach', null, null, 2015, 'level', 'gte', 100, '%', '行政村和自然村光纤通达率均达到100%'],
    ['target', 'jiangsu-12fyp', 'broadband-population-penetration', null, null, 2015, 'level', 'gte', 30, '%', '宽带普及率达到30%'],
    ['target', 'jiangsu-12fyp', 'cable-tv-household-penetration', null, null, 2015, 'level', 'gte', 85, '%', '有线电视入户率达到85%'],
    ['target', 'jiangsu-12fyp', 'electronic-manufacturing-revenue', null, null, 2015, 'level', 'gt', 37000, '亿元', '电子信息产品制造业主营业务收入超过3.7万亿元'],
    ['target', 'jiangsu-12fyp', 'software-it-services-revenue', null, null, 2015, 'level', 'gt', 8000, '亿元', '软件和信息服务业业务收入超过8000亿元'],
    ['target', 'jiangsu-12fyp', 'iot-cloud-industry-revenue', null, null, 2015, 'level', 'gt', 5500, '亿元', '物联网和云计算产业业务收入超过5500亿元'],
    ['target', 'jiangsu-12fyp', 'it-invention-patent-share', null, null, 2015, 'level', 'gte', 30, '%', '信息技术领域发明专利申请量占全省发明专利申请量比重达到30%'],
    ['target', 'jiangsu-12fyp', 'digital-certificates-issued', null, null, 2015, 'level', 'gt', 2000000, '张', '数字证书发证数超过200万张'],
    ['target', 'jiangsu-12fyp', 'disaster-recovery-coverage', null, null, 2015, 'level', 'gt', 85, '%', '重要信息系统容灾保障率超过85%'],
  ],
};
