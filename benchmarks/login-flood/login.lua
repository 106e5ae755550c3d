-- wrk script for benchmarks/login-flood/run --generator wrk: POST /login with wrong passwords,
-- as fast as wrk sends them. The log-in form is protected by a double-submit token (the
-- samlast_login cookie must equal the form's csrf field), so a fixed pair of the two passes.
-- FLOOD_MODE=one floods one account; FLOOD_MODE=many spreads over 50 e-mails, every fifth the
-- real account.
local mode = os.getenv("FLOOD_MODE") or "one"
local target = os.getenv("FLOOD_TARGET") or "dispatcher@fornebu-hub.demo"
local counter = 0

request = function()
  counter = counter + 1
  local email = target
  if mode == "many" and counter % 5 ~= 0 then email = "user" .. (counter % 50) .. "@flood.test" end
  local body = "email=" .. email:gsub("@", "%%40") .. "&password=wrong-" .. counter .. "&csrf=flood-token"
  return wrk.format("POST", "/login", {
    ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "samlast_login=flood-token" }, body)
end
