import ArgumentParser
import SkyportApp
import Booking
import SkyportStore
print("hi")
