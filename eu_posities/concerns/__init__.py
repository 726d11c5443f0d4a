"""concerns"""
