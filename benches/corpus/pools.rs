//! The text pools: plausible report prose, written for this corpus (lead-ins, fillers,
//! openings, closings, headlines, bylines), and the ten bulletin topics of every unit.

use crate::BULLETINS_PER_UNIT;

#[derive(Clone, Copy)]
pub(crate) enum Theme {
    Overall,
    Industry,
    Investment,
    Consumption,
    Fiscal,
    Trade,
    Innovation,
    Livelihood,
    Finance,
    Green,
    Ranking,
}

pub(crate) struct ThemeText {
    pub(crate) leads: &'static [&'static str],
    pub(crate) fillers: &'static [&'static str],
    pub(crate) indicators: &'static [&'static str],
}

pub(crate) fn theme_text(t: Theme) -> ThemeText {
    match t {
        Theme::Overall => ThemeText {
            leads: &[
                "总体运行稳中有进",
                "经济运行回升向好",
                "主要指标好于预期",
                "综合实力持续增强",
            ],
            fillers: &[
                "从季度走势看，各季度经济增速保持在合理区间，呈现前稳后升的运行特征。",
                "三次产业协调发展，第二产业支撑作用明显，服务业对经济增长的贡献进一步提高。",
                "主要指标增速普遍快于上年同期，多数指标增速位居同类地区前列。",
                "经济结构持续优化，发展的协调性和可持续性进一步增强。",
                "需求侧逐步恢复，生产侧稳中有升，供需两端协同发力。",
                "全年经济运行呈现“稳、进、好”的总体特征，为完成全年目标任务奠定了坚实基础。",
                "宏观政策效应持续释放，市场预期逐步改善，经营主体信心有所增强。",
                "一揽子增量政策落地见效，四季度主要指标明显回升，全年目标任务顺利完成。",
                "县域经济和园区经济加快发展，区域发展的协调性进一步增强。",
            ],
            indicators: &[
                "gdp",
                "tertiary_share",
                "urbanization_rate",
                "industry_value_added",
                "retail_sales",
                "fixed_asset_investment",
            ],
        },
        Theme::Industry => ThemeText {
            leads: &[
                "工业生产较快增长",
                "制造业提质升级",
                "工业经济稳中向好",
                "新兴产业加快成长",
            ],
            fillers: &[
                "分门类看，制造业增加值较快增长，电力、热力、燃气及水生产和供应业保持稳定。",
                "重点产业链加快延链补链强链，龙头企业带动作用不断增强。",
                "装备制造、新材料、电子信息等行业增加值增速均高于全部规上工业平均水平。",
                "工业产品产销衔接良好，规上工业企业产品销售率保持在较高水平。",
                "企业技术改造投入力度加大，智能化、数字化、绿色化改造项目有序推进。",
                "新能源汽车零部件、光伏组件、工业机器人等新产品产量快速增长。",
                "规上工业企业营业收入和利润总额同比实现双增长，企业效益有所改善。",
                "工业用电量稳步增长，与工业生产走势基本吻合。",
                "中小企业加快融入龙头企业供应链，本地配套率有所提高。",
            ],
            indicators: &[
                "industry_value_added",
                "industrial_output",
                "high_tech_output",
                "regulated_firms",
            ],
        },
        Theme::Investment => ThemeText {
            leads: &[
                "固定资产投资稳定增长",
                "重点项目建设提速",
                "有效投资持续扩大",
                "项目支撑不断夯实",
            ],
            fillers: &[
                "从投资领域看，工业投资增长较快，基础设施投资保持稳定，民间投资信心逐步恢复。",
                "重点项目建设实行清单化管理、项目化推进，全年新开工项目数量较上年有所增加。",
                "项目前期工作扎实推进，用地、用能、资金等要素保障有力。",
                "一批补短板、强弱项、利长远的重大项目相继开工建设，投资后劲持续增强。",
                "“双招双引”成效明显，新签约项目中制造业项目占比超过六成。",
                "坚持“周调度、月通报、季观摩”，推动项目早开工、早投产、早见效。",
                "高技术产业投资增势良好，对全部投资增长形成有力支撑。",
                "设备更新和技术改造投资较快增长，带动制造业投资回升。",
                "房地产开发投资降幅收窄，商品房销售面积降幅逐季收窄。",
            ],
            indicators: &[
                "fixed_asset_investment",
                "key_project_investment",
                "projects_new",
            ],
        },
        Theme::Consumption => ThemeText {
            leads: &["消费市场持续回暖", "消费升级态势明显", "城乡市场协调发展"],
            fillers: &[
                "分消费类型看，商品零售稳定增长，餐饮收入增长较快，消费市场人气持续回升。",
                "以旧换新政策效果显现，汽车、家电、家居等大宗商品消费明显回暖。",
                "升级类商品消费需求持续释放，通讯器材类、新能源汽车零售额保持较快增长。",
                "网络零售快速发展，实物商品网上零售额占比进一步提高。",
                "节假日消费活跃，文旅消费热度不减，夜间经济、首发经济等新业态加快发展。",
                "城乡消费市场协调发展，乡村消费品零售额增速快于城镇。",
                "限额以上单位商品零售额中，粮油食品类、日用品类保持稳定增长。",
                "新建改造一批商业综合体和便民生活圈，消费场景更加丰富。",
            ],
            indicators: &["retail_sales", "urban_income", "rural_income"],
        },
        Theme::Fiscal => ThemeText {
            leads: &["财政收入稳步增长", "财政支出保障有力", "收入质量有所提高"],
            fillers: &[
                "财政收入质量稳步提高，税收收入占一般公共预算收入的比重保持在较高水平。",
                "主体税种增势平稳，增值税、企业所得税均实现正增长。",
                "财政支出结构持续优化，教育、社会保障和就业、卫生健康等民生支出保障有力。",
                "全面落实结构性减税降费政策，为经营主体减负增效。",
                "坚持政府过紧日子，一般性支出进一步压减，资金集中用于重点领域和关键环节。",
                "积极争取上级转移支付和专项债券资金，有力支持了重大项目建设。",
                "非税收入占比下降，财政收入结构更加合理。",
                "预算绩效管理全面推开，财政资金使用效益进一步提高。",
            ],
            indicators: &["fiscal_revenue", "tax_revenue", "fiscal_expenditure"],
        },
        Theme::Trade => ThemeText {
            leads: &["对外贸易稳中提质", "利用外资稳步推进", "开放水平持续提升"],
            fillers: &[
                "外贸结构持续优化，一般贸易进出口占比提高，机电产品和高新技术产品出口增长较快。",
                "对共建“一带一路”国家进出口保持较快增长，市场多元化取得新进展。",
                "跨境电商等外贸新业态加快发展，外贸经营主体数量稳步增加。",
                "利用外资结构不断优化，制造业实际使用外资占比有所提高。",
                "积极参加各类展会和经贸活动，一批外资项目签约落地。",
                "口岸营商环境持续优化，通关效率进一步提升。",
                "民营企业进出口占比继续提高，成为稳外贸的主力军。",
                "服务贸易稳步发展，技术服务和数字服务出口增长较快。",
            ],
            indicators: &["exports", "imports", "fdi"],
        },
        Theme::Innovation => ThemeText {
            leads: &["创新动能不断增强", "科技投入持续加大", "创新主体加快壮大"],
            fillers: &[
                "创新平台建设加快推进，新增一批省级以上工程技术研究中心和企业技术中心。",
                "企业创新主体地位不断巩固，规上工业企业中有研发活动的企业占比提高。",
                "科技成果转移转化加快，技术合同成交额较快增长。",
                "产学研合作持续深化，与高校院所共建的新型研发机构相继投入运行。",
                "专精特新企业梯度培育体系不断完善，创新型中小企业数量持续增加。",
                "人才引育力度加大，全年引进各类高层次人才和急需紧缺人才较上年增加。",
                "数字经济核心产业增加值占比提高，数字技术与实体经济融合步伐加快。",
                "知识产权保护和运用水平提升，每万人口高价值发明专利拥有量增加。",
            ],
            indicators: &[
                "high_tech_firms",
                "patents",
                "rd_intensity",
                "high_tech_output",
            ],
        },
        Theme::Livelihood => ThemeText {
            leads: &["居民收入稳步提高", "就业形势总体稳定", "民生保障持续加强"],
            fillers: &[
                "就业形势总体稳定，高校毕业生、农民工等重点群体就业得到有效保障。",
                "城乡居民收入差距继续缩小，农村居民收入增速快于城镇居民。",
                "工资性收入和经营净收入稳定增长，财产净收入和转移净收入平稳增加。",
                "社会保障水平稳步提高，城乡居民基本养老保险基础养老金标准进一步上调。",
                "民生实事项目全部完成，教育、医疗、养老等公共服务供给持续扩大。",
                "居民消费价格温和上涨，重要民生商品市场供应总体充足。",
                "医疗卫生服务能力持续提升，基层医疗机构标准化建设扎实推进。",
                "新增一批普惠托育和养老服务床位，“一老一小”服务保障更加有力。",
            ],
            indicators: &[
                "urban_income",
                "rural_income",
                "new_jobs",
                "unemployment_rate",
            ],
        },
        Theme::Finance => ThemeText {
            leads: &["金融运行总体平稳", "存贷款规模稳步扩大", "经营主体活力增强"],
            fillers: &[
                "金融运行总体平稳，信贷投放力度加大，金融支持实体经济质效提升。",
                "制造业贷款、普惠小微贷款和绿色贷款保持较快增长。",
                "住户存款稳定增加，非金融企业存款增速有所回升。",
                "经营主体活力持续增强，新设立企业中第三产业企业占比超过七成。",
                "营商环境持续优化，“高效办成一件事”改革深入推进。",
                "融资担保体系不断完善，中小微企业融资成本稳中有降。",
                "不良贷款率保持在较低水平，地方金融风险总体可控。",
                "直接融资渠道进一步拓宽，新增一批上市后备企业。",
            ],
            indicators: &["deposits", "loans", "new_market_entities"],
        },
        Theme::Green => ThemeText {
            leads: &["生态环境持续改善", "绿色发展成效明显"],
            fillers: &[
                "生态环境质量持续改善，细颗粒物年均浓度同比下降。",
                "主要河流断面水质稳定达标，集中式饮用水水源地水质达标率保持100%。",
                "单位地区生产总值能耗持续下降，能源消费结构进一步优化。",
                "国土绿化行动扎实推进，全年完成人工造林和森林抚育任务。",
                "清洁能源发电装机容量持续增加，光伏、风电项目加快建设。",
                "污染防治攻坚战深入推进，突出生态环境问题整改有力有效。",
                "农村人居环境整治持续推进，生活垃圾和污水治理水平不断提高。",
                "重点行业节能降碳改造加快实施，绿色低碳转型稳步推进。",
            ],
            indicators: &["forest_coverage", "good_air_share"],
        },
        Theme::Ranking => ThemeText {
            leads: &["考核位次稳中有升", "争先进位取得新进展"],
            fillers: &[
                "在全省各类综合考核中，{u}多项指标进入第一方阵。",
                "对标先进找差距、比学赶超争进位的氛围日益浓厚。",
                "坚持用考核指挥棒引领高质量发展，推动各项工作争先进位。",
                "主要经济指标月度、季度监测调度机制不断完善，指标运行的预见性和主动性增强。",
                "制造业高质量发展、营商环境评价等单项考核取得较好成绩。",
                "综合排名稳中有升，发展的总体态势持续向好。",
                "短板弱项指标专项攻坚取得实效，部分指标位次明显前移。",
                "考核结果运用不断强化，干事创业的精气神进一步提振。",
            ],
            indicators: &[
                "comprehensive_rank",
                "gdp",
                "fiscal_revenue",
                "retail_sales",
            ],
        },
    }
}

pub(crate) const OPENINGS: [&str; 8] = [
    "2024年，{u}坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹推进稳增长、调结构、促改革、惠民生、防风险各项工作，经济运行总体平稳、稳中有进。",
    "过去一年，面对外部环境复杂多变、有效需求不足等多重挑战，{u}上下迎难而上、真抓实干，主要经济指标保持在合理区间，高质量发展迈出坚实步伐。",
    "根据统计部门初步统计，2024年{u}经济运行延续回升向好态势，生产供给稳中有增，市场需求逐步恢复，新动能加快成长，民生保障有力有效。",
    "2024年是实现“十四五”规划目标任务的关键一年。{u}聚焦年度目标任务，狠抓项目建设和企业服务，推动经济实现质的有效提升和量的合理增长。",
    "2024年，{u}坚持以项目建设为主抓手，以优化营商环境为突破口，推动各项政策措施落地见效，全年经济发展呈现总量扩大、结构优化、质效提升的良好局面。",
    "记者从{u}统计部门获悉，2024年全年主要经济指标运行平稳，多数指标增速高于全省平均水平，经济发展的韧性和活力进一步显现。",
    "2024年，{u}锚定年初确定的目标任务，一手抓传统产业转型升级，一手抓新兴产业培育壮大，经济运行稳中向好、进中提质。",
    "近日，{u}发布2024年相关统计数据。数据显示，全年经济社会发展主要目标任务较好完成，发展基础进一步夯实，群众获得感持续增强。",
];

pub(crate) const CLOSINGS: [&str; 6] = [
    "总的来看，2024年{u}经济运行稳中有进、进中向好，但也要看到，外部环境不确定性依然较多，部分企业生产经营仍有困难，经济持续回升向好的基础还需进一步巩固。",
    "下一步，{u}将坚持稳中求进工作总基调，持续扩大有效需求，加快培育新质生产力，着力防范化解重点领域风险，推动经济实现质的有效提升和量的合理增长。",
    "2025年是“十四五”规划收官之年。{u}将锚定目标、真抓实干，巩固和增强经济回升向好态势，为高质量完成“十四五”规划目标任务打下坚实基础。",
    "当前，经济运行中仍面临需求不足、部分行业经营困难等问题。{u}将加强经济监测调度，强化政策协同发力，确保全年经济平稳健康运行。",
    "本公报中部分数据为初步统计数，最终数据以统计年鉴为准；部分指标合计数与分项之和因四舍五入存在微小差异，未作机械调整。",
    "面向新的一年，{u}将坚持以经济建设为中心，以项目建设为抓手，以改革创新为动力，奋力推动高质量发展取得新成效。",
];

pub(crate) const HEADINGS: [(&str, &str); 4] = [
    ("一、经济运行总体情况", "二、重点领域发展情况"),
    ("一、主要指标完成情况", "二、重点工作推进情况"),
    ("一、全年发展成效", "二、结构优化和民生改善"),
    ("一、生产和需求", "二、动能、质效和保障"),
];

pub(crate) const HEADLINES: [&str; 8] = [
    "稳中有进 向新向好",
    "量质齐升 蓄势赋能",
    "稳中求进 以进促稳",
    "砥砺奋进 再创佳绩",
    "提质增效 行稳致远",
    "聚力攻坚 争先进位",
    "回升向好 活力迸发",
    "动能转换 结构优化",
];

pub(crate) const SUMMARIES: [&str; 4] = [
    "全年主要经济指标稳中有进，发展质量持续提升。",
    "多数指标增速快于上年，重点目标任务较好完成。",
    "经济运行延续回升向好态势，新动能加快成长。",
    "主要指标完成情况好于预期，民生保障有力有效。",
];

pub(crate) const SURNAMES: [&str; 16] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
];
pub(crate) const GIVEN: [&str; 12] = [
    "晓明", "文静", "建国", "海燕", "志强", "丽华", "婷", "磊", "洋", "静怡", "博文", "雨欣",
];

pub(crate) const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];

pub(crate) struct Topic {
    pub(crate) slug: &'static str,
    pub(crate) name: &'static str,
    pub(crate) themes: [Theme; 6],
    pub(crate) key_figures: &'static [&'static str],
}

pub(crate) const TOPICS: [Topic; BULLETINS_PER_UNIT] = {
    use Theme::*;
    [
        Topic {
            slug: "tjgb",
            name: "国民经济和社会发展统计公报",
            themes: [
                Overall,
                Industry,
                Investment,
                Consumption,
                Fiscal,
                Livelihood,
            ],
            key_figures: &[
                "gdp",
                "fixed_asset_investment",
                "retail_sales",
                "urban_income",
            ],
        },
        Topic {
            slug: "jjyx",
            name: "经济运行情况",
            themes: [Overall, Industry, Investment, Consumption, Trade, Finance],
            key_figures: &["gdp", "industry_value_added", "retail_sales"],
        },
        Topic {
            slug: "gyjj",
            name: "工业经济运行情况",
            themes: [Industry, Overall, Innovation, Investment, Green, Ranking],
            key_figures: &[
                "industry_value_added",
                "industrial_output",
                "regulated_firms",
            ],
        },
        Topic {
            slug: "tzxm",
            name: "固定资产投资和重点项目建设情况",
            themes: [Investment, Overall, Industry, Fiscal, Finance, Ranking],
            key_figures: &[
                "fixed_asset_investment",
                "key_project_investment",
                "projects_new",
            ],
        },
        Topic {
            slug: "xfsc",
            name: "消费市场运行情况",
            themes: [Consumption, Livelihood, Overall, Finance, Trade, Green],
            key_figures: &["retail_sales", "urban_income", "rural_income"],
        },
        Topic {
            slug: "czsz",
            name: "财政收支情况",
            themes: [Fiscal, Overall, Investment, Livelihood, Finance, Ranking],
            key_figures: &["fiscal_revenue", "tax_revenue", "fiscal_expenditure"],
        },
        Topic {
            slug: "dwkf",
            name: "对外贸易和利用外资情况",
            themes: [Trade, Overall, Investment, Industry, Innovation, Finance],
            key_figures: &["exports", "imports", "fdi"],
        },
        Topic {
            slug: "kjcx",
            name: "科技创新发展情况",
            themes: [Innovation, Industry, Overall, Investment, Livelihood, Green],
            key_figures: &["high_tech_firms", "patents", "rd_intensity"],
        },
        Topic {
            slug: "jysr",
            name: "就业和居民收入情况",
            themes: [Livelihood, Consumption, Overall, Fiscal, Finance, Green],
            key_figures: &[
                "new_jobs",
                "unemployment_rate",
                "urban_income",
                "rural_income",
            ],
        },
        Topic {
            slug: "khpj",
            name: "高质量发展综合考核情况",
            themes: [Ranking, Overall, Innovation, Green, Fiscal, Livelihood],
            key_figures: &["comprehensive_rank", "gdp", "fiscal_revenue"],
        },
    ]
};
