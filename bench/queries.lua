-- wrk script: each request searches for the next of a mix of queries citizens type (Chinese, pinyin, initials,
-- English, filters, pages), so the result cache does not answer everything.
local queries = {
  "q=shuifei", "q=sf", "q=%E6%B0%B4%E8%B4%B9", "q=water%20bill", "q=gjj", "q=gongjijin",
  "q=%E5%85%AC%E7%A7%AF%E9%87%91", "q=%E5%B1%85%E4%BD%8F%E8%AF%81", "q=jzz", "q=bus", "q=gongjiao",
  "q=%E7%96%AB%E8%8B%97", "q=yimiao", "q=vaccination", "q=tingche", "q=parking", "q=%E5%81%9C%E8%BD%A6",
  "q=dianfei", "q=df", "q=gas", "q=ranqi", "q=%E7%A4%BE%E4%BF%9D", "q=shebao", "q=pension", "q=yanglao",
  "q=library", "q=tushuguan", "q=%E5%8C%BB%E4%BF%9D", "q=yb", "q=enterprise", "q=qiye", "q=%E8%90%A5%E4%B8%9A",
  "channel=WECHAT", "channel=ALIPAY&kind=GOVERNMENT", "category=utilities", "category=transport&channel=WEB",
  "kind=EVERYDAY&page=1&size=10", "q=jiaofei&channel=WECHAT", "q=xuexiao", "q=%E5%85%A5%E5%AD%A6",
}
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/api/mp/v1/catalog/services?" .. q)
end
