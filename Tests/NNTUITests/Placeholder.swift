import Testing
@testable import NNTUI
