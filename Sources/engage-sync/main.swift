import EngageSync
print("engage-sync: under construction")
