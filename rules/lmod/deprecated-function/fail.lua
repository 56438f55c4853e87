help([[foo 1.0]])
if is_spider() then
--~^ lmod/deprecated-function
   return
end
always_unload("foo-old")
--~^ lmod/deprecated-function
try_add("foo-extras")
--~^ lmod/deprecated-function
