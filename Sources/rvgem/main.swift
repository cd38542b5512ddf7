print("rvgem")
